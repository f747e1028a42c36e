// RunHistoryWriter on one hand-made run crossing an hour boundary: the exact rows expected of the
// system-table layout (hour slices, result on the last slice, the tables' words).
#include "reports/run_history_writer.h"

#include <doctest/doctest.h>

namespace orchsim::reports {
namespace {

constexpr std::int64_t kJan1 = 1767225600000;  // 2026-01-01T00:00:00Z

TEST_CASE("system_table_timestamp") {
  CHECK(system_table_timestamp(kJan1) == "2026-01-01 00:00:00.000+00:00");
  CHECK(system_table_timestamp(kJan1 - 1) == "2025-12-31 23:59:59.999+00:00");
  CHECK(system_table_timestamp(kJan1 + 59 * 86400000LL + 3723004) == "2026-03-01 01:02:03.004+00:00");
}

TEST_CASE("RunHistoryWriter: a run from 00:50 to 01:10 is two timeline slices") {
  models::JobRunRecord run;
  run.job_id = 1;
  run.run_id = 7;
  run.job_name = "p";
  run.trigger = "PERIODIC";
  run.start_ms = kJan1 + 50 * 60000;
  run.end_ms = kJan1 + 70 * 60000;
  run.result_state = "SUCCESS";
  run.dbus = 1.5;
  models::TaskAttemptRecord a;
  a.task_key = "t";
  a.task_run_id = 7001;
  a.start_ms = run.start_ms;
  a.end_ms = run.start_ms + 5 * 60000;
  a.setup_ms = 60000;
  a.execution_ms = 240000;
  a.cleanup_ms = 0;
  a.result_state = "TIMEDOUT";
  a.termination_code = "timeout";
  a.compute = "serverless";
  run.attempts.push_back(a);
  RunHistoryWriter writer;
  writer.add(run, "PREMIUM_JOBS_COMPUTE");
  const auto files = writer.files();
  REQUIRE(files.size() == 4);
  CHECK(files[0].content ==
        "{\"runs\": [\n  {\"job_id\": 1, \"run_id\": 7, \"run_name\": \"p\", \"start_time\": 1767228600000, "
        "\"end_time\": 1767229800000, \"trigger\": \"PERIODIC\", \"state\": {\"life_cycle_state\": \"TERMINATED\", "
        "\"result_state\": \"SUCCESS\"}, \"tasks\": [\n    {\"task_key\": \"t\", \"run_id\": 7001, \"attempt_number\": 0, "
        "\"start_time\": 1767228600000, \"end_time\": 1767228900000, \"setup_duration\": 60000, "
        "\"execution_duration\": 240000, \"cleanup_duration\": 0, \"state\": {\"life_cycle_state\": \"TERMINATED\", "
        "\"result_state\": \"TIMEDOUT\"}}\n  ]}\n], \"has_more\": false}\n");
  CHECK(files[1].content ==
        "account_id,workspace_id,job_id,run_id,period_start_time,period_end_time,trigger_type,run_type,run_name,"
        "compute_ids,result_state,termination_code\n"
        "orchsim,1,1,7,2026-01-01 00:50:00.000+00:00,2026-01-01 01:00:00.000+00:00,CRON,JOB_RUN,p,[],,\n"
        "orchsim,1,1,7,2026-01-01 01:00:00.000+00:00,2026-01-01 01:10:00.000+00:00,CRON,JOB_RUN,p,[],SUCCEEDED,\n");
  CHECK(files[2].content.ends_with(
        "orchsim,1,1,7001,7,7,2026-01-01 00:50:00.000+00:00,2026-01-01 00:55:00.000+00:00,t,[],TIMED_OUT,timeout\n"));
  CHECK(files[3].content.ends_with(
        "7,orchsim,1,PREMIUM_JOBS_COMPUTE,AZURE,2026-01-01 00:50:00.000+00:00,2026-01-01 01:10:00.000+00:00,"
        "2026-01-01,DBU,1.5,\"{\"\"job_id\"\":\"\"1\"\",\"\"job_run_id\"\":\"\"7\"\"}\"\n"));
}

}  // namespace
}  // namespace orchsim::reports
