// `compare --history-out DIR` read back by load_run_records: every replication is a run, every
// attempt of replication 0 agrees with `--trace`'s tasks.csv of the same replication (attempt
// counts, first start and last end), and the Jobs API file and the system-table CSVs tell the same
// runs. Deterministic at any thread count.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "sim/experiment/replication_history.h"
#include "sim/input/run_records_reader.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

const std::string kScenario = ORCHSIM_SOURCE_DIR "/scenarios/flaky-driver.yaml";

struct TaskRow {
  std::uint32_t attempts = 0;
  double start_s = 0, end_s = 0;
};

std::map<std::string, TaskRow> read_tasks_csv(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE(in);
  std::map<std::string, TaskRow> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    f.resize(5);
    TaskRow row;
    row.attempts = static_cast<std::uint32_t>(std::stoul(f[2]));
    if (!f[3].empty()) row.start_s = std::stod(f[3]);
    if (!f[4].empty()) row.end_s = std::stod(f[4]);
    rows[f[0]] = row;
  }
  return rows;
}

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST_SUITE("cli.history_out") {
  TEST_CASE("compare --history-out: read back, it is the replications, and replication 0 is the trace's") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_history_out_test";
    fs::remove_all(dir);
    const auto r = testing::invoke({"compare", kScenario, "-n", "20", "--threads", "2", "--history-out",
                                    (dir / "history").string(), "--trace", (dir / "trace").string()});
    REQUIRE_MESSAGE(r.code == 0, r.err);
    for (const std::string strategy : {"multi_job", "single_job_shared_cluster"}) {
      INFO(strategy);
      const fs::path folder = dir / "history" / strategy;
      const auto api = sim::load_run_records({(folder / "runs.json").string()});
      const auto tables = sim::load_run_records({(folder / "job_run_timeline.csv").string(),
                                                 (folder / "job_task_run_timeline.csv").string(),
                                                 (folder / "billing_usage.csv").string()});
      REQUIRE(api.runs.size() == 20);
      REQUIRE(tables.runs.size() == 20);
      CHECK(tables.unmatched_usage_rows == 0);
      for (std::size_t i = 0; i < 20; ++i) {
        const auto& a = api.runs[i];
        const auto& t = tables.runs[i];
        CHECK(a.run_id == t.run_id);
        CHECK(a.start_ms == t.start_ms);
        CHECK(a.end_ms == t.end_ms);
        CHECK(a.result_state == t.result_state);
        CHECK(a.start_ms >= sim::kHistoryEpochMs + static_cast<std::int64_t>(i) * sim::kHistoryPeriodMs);
        REQUIRE(a.attempts.size() == t.attempts.size());
        for (std::size_t k = 0; k < a.attempts.size(); ++k) {
          CHECK(a.attempts[k].task_key == t.attempts[k].task_key);
          CHECK(a.attempts[k].start_ms == t.attempts[k].start_ms);
          CHECK(a.attempts[k].end_ms == t.attempts[k].end_ms);
          CHECK(a.attempts[k].result_state == t.attempts[k].result_state);
          CHECK(*a.attempts[k].setup_ms + *a.attempts[k].execution_ms == a.attempts[k].end_ms - a.attempts[k].start_ms);
        }
        REQUIRE(t.dbus.has_value());
        CHECK(*t.dbus > 0);
      }
      // Replication 0 against the trace of replication 0.
      const auto trace = read_tasks_csv(dir / "trace" / strategy / "tasks.csv");
      const auto& run0 = api.runs[0];
      for (const auto& [task, row] : trace) {
        const std::string& task_key = task;  // clang 14 cannot capture a structured binding
        INFO(task_key);
        std::uint32_t attempts = 0;
        std::int64_t first = -1, last = -1;
        for (const auto& attempt : run0.attempts) {
          if (attempt.task_key != task) continue;
          if (attempts == 0) first = attempt.start_ms;
          last = attempt.end_ms;
          CHECK(attempt.attempt_number == attempts);
          ++attempts;
        }
        CHECK(attempts == row.attempts);
        if (attempts == 0) continue;
        // ms are truncated µs: within a millisecond of the trace's seconds.
        CHECK(std::abs(static_cast<double>(first - sim::kHistoryEpochMs) - row.start_s * 1000) < 1.0);
        CHECK(std::abs(static_cast<double>(last - sim::kHistoryEpochMs) - row.end_s * 1000) < 1.0);
      }
    }
    // check --history says what each file holds: 20 runs (the task timeline and the billing alone
    // describe no run).
    const std::string folder = (dir / "history" / "multi_job").string();
    const auto checked = testing::invoke({"check", "--history", folder + "/runs.json", folder + "/job_task_run_timeline.csv"});
    CHECK(checked.code == 0);
    CHECK(checked.out == folder + "/runs.json: ok (run records: 20 finished runs)\n" + folder +
                             "/job_task_run_timeline.csv: ok (run records: 0 finished runs)\n");
    // The same bytes with one thread and with three, over more than one batch of replications.
    for (const std::string threads : {"1", "3"}) {
      const auto again = testing::invoke({"compare", kScenario, "-n", "300", "--threads", threads, "--history-out",
                                          (dir / ("again" + threads)).string()});
      REQUIRE(again.code == 0);
    }
    CHECK(sim::load_run_records({(dir / "again1" / "multi_job" / "runs.json").string()}).runs.size() == 300);
    for (const std::string file : {"runs.json", "job_run_timeline.csv", "job_task_run_timeline.csv", "billing_usage.csv"}) {
      CHECK(slurp(dir / "again1" / "multi_job" / file) == slurp(dir / "again3" / "multi_job" / file));
    }
    fs::remove_all(dir);
  }
}
