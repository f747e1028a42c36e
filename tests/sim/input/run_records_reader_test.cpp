// load_run_records on the hand-written fixtures of tests/fixtures/run_records/: every expected value
// below was read off the fixture by hand (epoch ms: 2026-01-01T00:00:00Z = 1767225600000, i.e.
// 20454 days × 86400 s, 20454 = 56 × 365 + 14 leap days from 1972 to 2024).
#include "sim/input/run_records_reader.h"

#include <string>

#include <doctest/doctest.h>

#include "sim/input/csv_reader.h"
#include "sim/input/input_file.h"
#include "sim/input/system_table_reader.h"

namespace orchsim::sim {
namespace {

const std::string kDir = ORCHSIM_SOURCE_DIR "/tests/fixtures/run_records/";
constexpr std::int64_t kJan1 = 1767225600000;  // 2026-01-01T00:00:00Z
constexpr std::int64_t kMinute = 60000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

const models::JobRunRecord& run_of(const models::RunRecords& records, std::int64_t run_id) {
  for (const auto& run : records.runs) {
    if (run.run_id == run_id) return run;
  }
  FAIL("run ", run_id, " not read");
  throw;
}

// The first diagnostic of loading `file` (of the bad/ folder), as "path:line:col: message".
std::string first_error(const std::string& file) {
  try {
    load_run_records({kDir + "bad/" + file});
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "no error";
}

TEST_CASE("runs/list with expand_tasks: runs, attempts, phases, results and compute") {
  const auto records = load_run_records({kDir + "runs_list.json"});
  REQUIRE(records.runs.size() == 2);
  CHECK(records.unfinished_runs == 1);  // run 1002: end_time 0
  // In start order: 1000 (2025-12-31) before 1001 (2026-01-01).
  const auto& first = records.runs[0];
  CHECK(first.run_id == 1000);
  CHECK(first.job_id == 11);
  CHECK(first.job_name == "nightly");
  CHECK(first.start_ms == kJan1 - kDay);
  CHECK(first.end_ms == kJan1 - kDay + 5 * kMinute);
  CHECK(first.result_state == "FAILED");  // Jobs API 2.2 status: RUN_EXECUTION_ERROR
  CHECK(first.trigger == "ONE_TIME");
  REQUIRE(first.attempts.size() == 1);
  CHECK(first.attempts[0].result_state == "FAILED");
  CHECK(first.attempts[0].termination_code == "DRIVER_ERROR");
  CHECK(first.attempts[0].compute == "serverless");
  CHECK(first.attempts[0].setup_ms == 20000);
  CHECK(first.attempts[0].execution_ms == 280000);

  const auto& run = records.runs[1];
  CHECK(run.run_id == 1001);
  CHECK(run.result_state == "SUCCESS");
  CHECK(run.trigger == "PERIODIC");
  CHECK(run.where.line == 3);
  CHECK(run.where.column == 5);
  CHECK_FALSE(run.dbus.has_value());
  REQUIRE(run.attempts.size() == 3);  // in start order, whatever the file's order
  const auto& a0 = run.attempts[0];
  CHECK(a0.task_key == "ingest");
  CHECK(a0.attempt_number == 0);
  CHECK(a0.task_run_id == 2001);
  CHECK(a0.start_ms == kJan1);
  CHECK(a0.end_ms == kJan1 + 5 * kMinute);
  CHECK(a0.setup_ms == 60000);
  CHECK(a0.execution_ms == 240000);
  CHECK(a0.cleanup_ms == 0);
  CHECK(a0.result_state == "FAILED");
  CHECK(a0.compute == "etl");
  CHECK(a0.cluster_id == "0101-abc");
  CHECK(a0.where.line == 34);
  const auto& a1 = run.attempts[1];
  CHECK(a1.task_key == "ingest");
  CHECK(a1.attempt_number == 1);
  CHECK(a1.start_ms == kJan1 + 6 * kMinute);
  CHECK(a1.result_state == "SUCCESS");
  const auto& report = run.attempts[2];
  CHECK(report.task_key == "report");
  CHECK(report.attempt_number == 0);
  CHECK(report.compute == "0909-shared");
  CHECK_FALSE(report.setup_ms.has_value());
  CHECK(report.execution_ms == 300000);
}

TEST_CASE("runs/get: one run; a task with its own new_cluster is its own compute") {
  const auto records = load_run_records({kDir + "run_get.json"});
  REQUIRE(records.runs.size() == 1);
  const auto& run = records.runs[0];
  CHECK(run.run_id == 1200);
  CHECK(run.job_id == 12);
  CHECK(run.trigger == "RETRY");
  CHECK(run.start_ms == kJan1 + kHour);
  REQUIRE(run.attempts.size() == 1);
  CHECK(run.attempts[0].compute == "new_cluster:load");
  CHECK(run.attempts[0].setup_ms == 30000);
  CHECK(run.attempts[0].execution_ms == 90000);
}

TEST_CASE("JSON Lines of runs, located at their own line") {
  const auto records = load_run_records({kDir + "runs.jsonl"});
  REQUIRE(records.runs.size() == 2);
  CHECK(records.runs[0].run_id == 1001);
  CHECK(records.runs[0].job_name == "renamed");
  CHECK(records.runs[1].run_id == 1004);
  CHECK(records.runs[1].where.line == 3);
  CHECK(records.runs[1].result_state == "TIMEDOUT");
  CHECK(records.runs[1].start_ms == kJan1 + 2 * kDay);
}

TEST_CASE("job_run_timeline CSV: hourly slices merged, result in Jobs API words, unfinished runs left out") {
  const auto records = load_run_records({kDir + "job_run_timeline.csv"});
  REQUIRE(records.runs.size() == 1);
  CHECK(records.unfinished_runs == 1);  // run 1005 has no result yet
  const auto& run = records.runs[0];
  CHECK(run.run_id == 1003);
  CHECK(run.job_id == 11);
  CHECK(run.job_name == "nightly");
  CHECK(run.trigger == "CRON");
  CHECK(run.start_ms == kJan1 + kDay + 23 * kHour + 30 * kMinute);  // 2026-01-02 23:30
  CHECK(run.end_ms == kJan1 + 2 * kDay + 20 * kMinute);             // 2026-01-03 00:20
  CHECK(run.result_state == "SUCCESS");
  CHECK(run.attempts.empty());
  CHECK(run.where.line == 2);
}

TEST_CASE("job_run_timeline JSON Lines: null result, list compute_ids, time zones") {
  const auto records = load_run_records({kDir + "job_run_timeline.jsonl", kDir + "billing_usage.json"});
  REQUIRE(records.runs.size() == 1);
  const auto& run = records.runs[0];
  CHECK(run.run_id == 1100);
  CHECK(run.job_id == 12);
  CHECK(run.start_ms == kJan1 + 3 * kDay + 10 * kHour);
  CHECK(run.end_ms == kJan1 + 3 * kDay + 11 * kHour + 15 * kMinute);  // 12:15+01:00
  CHECK(run.result_state == "CANCELED");
  REQUIRE(run.dbus.has_value());
  CHECK(*run.dbus == doctest::Approx(1.0));
}

TEST_CASE("every format merged: runs de-duplicated by run_id, task timeline attempts, DBUs per run and SKU") {
  const auto records = load_run_records(
      {kDir + "runs_list.json", kDir + "runs.jsonl", kDir + "run_get.json", kDir + "job_run_timeline.csv",
       kDir + "job_task_run_timeline.csv", kDir + "billing_usage.csv", kDir + "job_run_timeline.jsonl",
       kDir + "billing_usage.json"});
  std::vector<std::int64_t> order;
  for (const auto& run : records.runs) order.push_back(run.run_id);
  CHECK(order == std::vector<std::int64_t>{1000, 1001, 1200, 1003, 1004, 1100});
  CHECK(records.unfinished_runs == 2);       // 1002 (runs/list) and 1005 (timeline)
  CHECK(records.unmatched_usage_rows == 1);  // r4: run 9999
  const auto& r1001 = run_of(records, 1001);
  CHECK(r1001.job_name == "nightly");  // the first file's record wins over runs.jsonl's "renamed"
  CHECK(r1001.attempts.size() == 3);
  REQUIRE(r1001.usage.size() == 1);
  CHECK(r1001.usage[0].sku_name == "PREMIUM_JOBS_SERVERLESS_COMPUTE_US_EAST");
  CHECK(*r1001.dbus == doctest::Approx(2.0));

  const auto& r1003 = run_of(records, 1003);
  REQUIRE(r1003.dbus.has_value());
  CHECK(*r1003.dbus == doctest::Approx(1.75));  // r1 1.5 + r2 0.25; r2's second row is the same record
  REQUIRE(r1003.attempts.size() == 2);
  const auto& failed = r1003.attempts[0];
  CHECK(failed.task_key == "ingest");
  CHECK(failed.attempt_number == 0);
  CHECK(failed.task_run_id == 3001);
  CHECK(failed.start_ms == kJan1 + kDay + 23 * kHour + 30 * kMinute);
  CHECK(failed.end_ms == kJan1 + 2 * kDay + 5 * kMinute);
  CHECK(failed.result_state == "FAILED");
  CHECK(failed.termination_code == "RUN_EXECUTION_ERROR");
  CHECK(failed.cluster_id == "0102-def");
  CHECK_FALSE(failed.setup_ms.has_value());
  const auto& retry = r1003.attempts[1];
  CHECK(retry.attempt_number == 1);
  CHECK(retry.start_ms == kJan1 + 2 * kDay + 6 * kMinute);
  CHECK(retry.result_state == "SUCCESS");
}

TEST_CASE("malformed records: each at its file:line:col") {
  const std::string bad = kDir + "bad/";
  CHECK(first_error("missing_start_time.json") == bad + "missing_start_time.json:9:9: missing 'start_time'");
  CHECK(first_error("quoted_duration.json") ==
        bad + "quoted_duration.json:9:32: 'execution_duration' must be an integer, got the quoted string \"240000\" "
              "(write it without quotes)");
  CHECK(first_error("duplicate_run.json") ==
        bad + "duplicate_run.json:4:5: run 1001 is listed twice in this file (first at line 3)");
  CHECK(first_error("quote_in_field.csv").starts_with(bad + "quote_in_field.csv:3:6: malformed CSV: a quote inside "
                                                            "an unquoted field"));
  CHECK(first_error("unclosed_quote.csv") == bad + "unclosed_quote.csv:2:9: malformed CSV: this quoted field is never closed");
  CHECK(first_error("short_row.csv") == bad + "short_row.csv:2:1: malformed CSV: this row has 4 fields, the header 5");
  CHECK(first_error("bad_timestamp.csv") ==
        bad + "bad_timestamp.csv:2:39: 'period_end_time' must be a timestamp such as 2024-05-01 10:00:00.000+00:00, "
              "got \"03/01/2026 00:20\"");
  CHECK(first_error("not_run_records.json").starts_with(bad + "not_run_records.json:1:1: not a run-records file"));
  CHECK(first_error("malformed.json").starts_with(bad + "malformed.json:2:48: malformed JSON"));
}

TEST_CASE("billing rows: a NULL quantity, another unit, or no job run count nothing") {
  const auto records = parse_run_records(
      {{"t.csv", "job_id,run_id,period_start_time,period_end_time,result_state\n"
                 "1,7,2026-01-01 00:00:00,2026-01-01 00:10:00,SUCCEEDED\n"},
       {"u.csv", "record_id,sku_name,usage_unit,usage_quantity,usage_metadata\n"
                 "a,S,DBU,,\"{\"\"job_run_id\"\":7}\"\n"
                 "b,S,GPU_HOUR,3,\"{\"\"job_run_id\"\":7}\"\n"
                 "c,S,DBU,5,\n"
                 "d,S,DBU,0.5,\"{\"\"job_run_id\"\":7}\"\n"},
       {"rows.json", "[{\"record_id\": \"e\", \"usage_quantity\": 1, \"usage_metadata\": {\"job_run_id\": 7}},\n"
                     " {\"record_id\": \"f\", \"usage_metadata\": {\"job_run_id\": 7}}]"}});
  REQUIRE(records.runs.size() == 1);
  REQUIRE(records.runs[0].dbus.has_value());
  CHECK(*records.runs[0].dbus == doctest::Approx(1.5));  // d 0.5 + e 1; a NULL, b GPU hours, c no run, f NULL
}

TEST_CASE("a missing file and an empty file are input errors") {
  CHECK_THROWS_AS(load_run_records({kDir + "no_such_file.json"}), InputError);
  CHECK_THROWS_AS(parse_run_records({{"empty.csv", "\n"}}), InputError);
}

TEST_CASE("parse_timestamp_ms: the forms system-table exports write") {
  CHECK(parse_timestamp_ms("2026-01-01 00:00:00.000+00:00") == kJan1);
  CHECK(parse_timestamp_ms("2026-01-01T00:00:00Z") == kJan1);
  CHECK(parse_timestamp_ms("2026-01-01T01:00:00+01:00") == kJan1);
  CHECK(parse_timestamp_ms("2026-01-01 00:00:00.25") == kJan1 + 250);
  CHECK(parse_timestamp_ms("1767225600000") == kJan1);
  CHECK_FALSE(parse_timestamp_ms("2026-13-01 00:00:00").has_value());
  CHECK_FALSE(parse_timestamp_ms("2026-02-29 00:00:00").has_value());  // 2026 is no leap year
  CHECK(parse_timestamp_ms("2028-02-29 00:00:00").has_value());
  CHECK_FALSE(parse_timestamp_ms("yesterday").has_value());
}

// Every prefix of every fixture is read or rejected as bad input: never a crash, never another exception.
TEST_CASE("truncated fixtures are input errors or records, nothing else") {
  for (const char* name : {"runs_list.json", "run_get.json", "runs.jsonl", "job_run_timeline.csv",
                           "job_task_run_timeline.csv", "billing_usage.csv", "job_run_timeline.jsonl",
                           "billing_usage.json"}) {
    const std::string text = read_input_file(kDir + name, "fixture");
    for (std::size_t n = 0; n <= text.size(); ++n) {
      try {
        parse_run_records({{name, text.substr(0, n)}});
      } catch (const InputError&) {
      }
    }
  }
}

TEST_CASE("read_csv: quotes, doubled quotes, line breaks inside quotes, CRLF") {
  Diagnostics d;
  const CsvTable t = read_csv("a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",z\r\n", "t.csv", d);
  REQUIRE(d.empty());
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0][0].text == "x,1");
  CHECK(t.rows[0][1].text == "say \"hi\"");
  CHECK(t.rows[0][1].where.column == 7);
  CHECK(t.rows[1][0].text == "two\nlines");
  CHECK(t.rows[1][1].text == "z");
  CHECK(t.rows[1][1].where.line == 4);
}

}  // namespace
}  // namespace orchsim::sim
