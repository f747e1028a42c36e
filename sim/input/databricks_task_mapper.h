// Pieces of a Databricks task or job that the job mapper (sim/input/databricks_job_mapper.h) reads
// field by field: the task's type (which *_task key it has), notifications and health rules as
// orchsim alerts, the count of a for_each's literal JSON-array inputs, and the check of a Quartz
// cron expression. Pure functions over ConfigNodes; problems go to the ConfigReader. Any thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "engine/alerts.h"
#include "sim/input/config_reader.h"
#include "sim/input/import_summary.h"

namespace orchsim::sim {

// "notebook", "spark_python", "sql", "pipeline", "run_job", "condition", "for_each", … (the *_task
// key without "_task"); empty when the task has none, "several" when more than one.
std::string task_type(const ConfigNode& task);

// email_notifications, webhook_notifications, notification_settings and health (RUN_DURATION_SECONDS
// > x) of a job (`job`) or a task, as alerts; other health metrics go to the summary.
Notifications read_notifications(ConfigReader& reader, const ConfigNode& holder, bool job, ImportSummary& summary);

// The number of elements of a JSON array written as text ("[1, 2, 3]", "[{\"a\": 1}, \"b\"]"), or
// nullopt when `text` is not one.
std::optional<std::uint32_t> count_json_array(std::string_view text);

// Empty when `expr` is a valid Quartz cron expression (seconds minutes hours day-of-month month
// day-of-week [year]); else what is wrong.
std::string check_quartz_cron(std::string_view expr);

}  // namespace orchsim::sim
