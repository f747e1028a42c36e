#include "reports/run_history_writer.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/json_escape.h"
#include "models/civil_date.h"
#include "reports/csv_escape.h"

namespace orchsim::reports {

namespace {

constexpr std::int64_t kHourMs = 3600'000;
constexpr std::string_view kAccount = "orchsim";
constexpr std::string_view kWorkspace = "1";

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

// The system tables' result_state for a Jobs API one (the reader maps them back).
std::string_view table_result(std::string_view api) {
  if (api == "SUCCESS") return "SUCCEEDED";
  if (api == "CANCELED") return "CANCELLED";
  if (api == "TIMEDOUT") return "TIMED_OUT";
  if (api == "UPSTREAM_CANCELED") return "UPSTREAM_CANCELLED";
  return api;
}

// The system tables' trigger_type for a Jobs API trigger.
std::string_view table_trigger(std::string_view api) {
  if (api == "PERIODIC") return "CRON";
  if (api == "ONE_TIME") return "ONETIME";
  return api;
}

// [start, end] cut at each UTC hour, as the timeline tables slice a run; at least one slice.
std::vector<std::pair<std::int64_t, std::int64_t>> hour_slices(std::int64_t start, std::int64_t end) {
  std::vector<std::pair<std::int64_t, std::int64_t>> slices;
  std::int64_t from = start;
  while (true) {
    const std::int64_t next_hour = (floor_div(from, kHourMs) + 1) * kHourMs;
    if (next_hour >= end) break;
    slices.emplace_back(from, next_hour);
    from = next_hour;
  }
  slices.emplace_back(from, end);
  return slices;
}

std::string compute_ids(const std::string& cluster_id) {
  return csv_field(cluster_id.empty() ? std::string("[]") : fmt::format("[{}]", json_string(cluster_id)));
}

std::string task_json(const models::TaskAttemptRecord& a) {
  std::string out = fmt::format(
      "{{\"task_key\": {}, \"run_id\": {}, \"attempt_number\": {}, \"start_time\": {}, \"end_time\": {}, "
      "\"setup_duration\": {}, \"execution_duration\": {}, \"cleanup_duration\": {}",
      json_string(a.task_key), a.task_run_id, a.attempt_number, a.start_ms, a.end_ms, a.setup_ms.value_or(0),
      a.execution_ms.value_or(0), a.cleanup_ms.value_or(0));
  if (a.compute != "serverless") out += fmt::format(", \"job_cluster_key\": {}", json_string(a.compute));
  if (!a.cluster_id.empty()) out += fmt::format(", \"cluster_instance\": {{\"cluster_id\": {}}}", json_string(a.cluster_id));
  out += fmt::format(", \"state\": {{\"life_cycle_state\": \"TERMINATED\", \"result_state\": {}}}}}",
                     json_string(a.result_state));
  return out;
}

}  // namespace

std::string system_table_timestamp(std::int64_t unix_ms) {
  const std::int64_t days = floor_div(unix_ms, 86400'000);
  const std::int64_t in_day = unix_ms - days * 86400'000;
  const models::CivilDate date = models::civil_from_days(days);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}+00:00", date.year, date.month, date.day, in_day / kHourMs,
                     in_day / 60'000 % 60, in_day / 1000 % 60, in_day % 1000);
}

RunHistoryWriter::RunHistoryWriter()
    : runs_json_("{\"runs\": ["),
      job_timeline_("account_id,workspace_id,job_id,run_id,period_start_time,period_end_time,trigger_type,run_type,"
                    "run_name,compute_ids,result_state,termination_code\n"),
      task_timeline_("account_id,workspace_id,job_id,run_id,job_run_id,parent_run_id,period_start_time,"
                     "period_end_time,task_key,compute_ids,result_state,termination_code\n"),
      usage_("record_id,account_id,workspace_id,sku_name,cloud,usage_start_time,usage_end_time,usage_date,"
             "usage_unit,usage_quantity,usage_metadata\n") {}

void RunHistoryWriter::add(const models::JobRunRecord& run, std::string_view sku_name) {
  runs_json_ += first_run_ ? "\n  " : ",\n  ";
  first_run_ = false;
  runs_json_ += fmt::format(
      "{{\"job_id\": {}, \"run_id\": {}, \"run_name\": {}, \"start_time\": {}, \"end_time\": {}, \"trigger\": {}, "
      "\"state\": {{\"life_cycle_state\": \"TERMINATED\", \"result_state\": {}}}, \"tasks\": [",
      run.job_id, run.run_id, json_string(run.job_name), run.start_ms, run.end_ms, json_string(run.trigger),
      json_string(run.result_state));
  for (std::size_t i = 0; i < run.attempts.size(); ++i) {
    runs_json_ += fmt::format("{}\n    {}", i == 0 ? "" : ",", task_json(run.attempts[i]));
  }
  runs_json_ += run.attempts.empty() ? "]}" : "\n  ]}";
  add_timeline_rows(run);
  if (run.dbus) {
    const std::string metadata = fmt::format("{{\"job_id\":\"{}\",\"job_run_id\":\"{}\"}}", run.job_id, run.run_id);
    usage_ += fmt::format("{},{},{},{},AZURE,{},{},{},DBU,{},{}\n", run.run_id, kAccount, kWorkspace,
                          csv_field(sku_name), system_table_timestamp(run.start_ms),
                          system_table_timestamp(run.end_ms), system_table_timestamp(run.start_ms).substr(0, 10),
                          *run.dbus, csv_field(metadata));
  }
}

void RunHistoryWriter::add_timeline_rows(const models::JobRunRecord& run) {
  const auto slices = hour_slices(run.start_ms, run.end_ms);
  for (std::size_t i = 0; i < slices.size(); ++i) {
    const bool last = i + 1 == slices.size();
    job_timeline_ += fmt::format("{},{},{},{},{},{},{},JOB_RUN,{},[],{},\n", kAccount, kWorkspace, run.job_id,
                                 run.run_id, system_table_timestamp(slices[i].first),
                                 system_table_timestamp(slices[i].second), csv_field(table_trigger(run.trigger)),
                                 csv_field(run.job_name), last ? table_result(run.result_state) : "");
  }
  for (const models::TaskAttemptRecord& a : run.attempts) {
    const auto task_slices = hour_slices(a.start_ms, a.end_ms);
    for (std::size_t i = 0; i < task_slices.size(); ++i) {
      const bool last = i + 1 == task_slices.size();
      task_timeline_ += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", kAccount, kWorkspace, run.job_id,
                                    a.task_run_id, run.run_id, run.run_id, system_table_timestamp(task_slices[i].first),
                                    system_table_timestamp(task_slices[i].second), csv_field(a.task_key),
                                    compute_ids(a.cluster_id), last ? table_result(a.result_state) : "",
                                    last ? csv_field(a.termination_code) : "");
    }
  }
}

std::vector<ReportFile> RunHistoryWriter::files() {
  runs_json_ += first_run_ ? "], \"has_more\": false}\n" : "\n], \"has_more\": false}\n";
  return {{"runs.json", std::move(runs_json_)},
          {"job_run_timeline.csv", std::move(job_timeline_)},
          {"job_task_run_timeline.csv", std::move(task_timeline_)},
          {"billing_usage.csv", std::move(usage_)}};
}

}  // namespace orchsim::reports
