// `orchsim fit`, `compare --history` and `backtest` on the command line: the profile written reads
// back through the profile loader with the values the records give (worked out by hand from the
// fixture below), bad input and bad options exit 2, and `--fail-on-differ` sets the exit code.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/input/profile_loader.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const std::string kCalibration = ORCHSIM_SOURCE_DIR "/tests/fixtures/calibration/";

// Five runs of job 7 "nightly": ingest succeeds in 100, 200, 300, 400, 500 s of execution (the
// empirical median 300 s) after a 60 s setup on job cluster main; in the third run it first fails
// once; transform takes 50 s on the running cluster.
std::string five_runs() {
  std::string out;
  for (int i = 0; i < 5; ++i) {
    const long start = 1767225600000L + i * 86400000L;
    const long exec = (i + 1) * 100000L;
    std::string tasks;
    if (i == 2) {
      tasks += "{\"task_key\": \"ingest\", \"attempt_number\": 0, \"start_time\": " + std::to_string(start - 1000) +
               ", \"end_time\": " + std::to_string(start) +
               ", \"setup_duration\": 0, \"execution_duration\": 1000, \"cleanup_duration\": 0, \"job_cluster_key\": "
               "\"main\", \"state\": {\"life_cycle_state\": \"TERMINATED\", \"result_state\": \"FAILED\"}}, ";
    }
    tasks += "{\"task_key\": \"ingest\", \"attempt_number\": " + std::to_string(i == 2 ? 1 : 0) +
             ", \"start_time\": " + std::to_string(start) + ", \"end_time\": " + std::to_string(start + 60000 + exec) +
             ", \"setup_duration\": 60000, \"execution_duration\": " + std::to_string(exec) +
             ", \"cleanup_duration\": 0, \"job_cluster_key\": \"main\", \"state\": {\"life_cycle_state\": "
             "\"TERMINATED\", \"result_state\": \"SUCCESS\"}}";
    out += "{\"job_id\": 7, \"run_id\": " + std::to_string(100 + i) + ", \"run_name\": \"nightly\", \"start_time\": " +
           std::to_string(start - 1000) + ", \"end_time\": " + std::to_string(start + 60000 + exec) +
           ", \"state\": {\"life_cycle_state\": \"TERMINATED\", \"result_state\": \"SUCCESS\"}, \"tasks\": [" + tasks +
           "]}\n";
  }
  return out;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / ("orchsim_fit_test_" + name);
  std::ofstream(p) << text;
  return p;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("fit: writes a profile that reads back with the recorded values") {
    const fs::path history = write_temp("runs.jsonl", five_runs());
    const fs::path out = fs::temp_directory_path() / "orchsim_fit_test_profile.yaml";
    fs::remove(out);
    const auto r = invoke({"fit", history.string(), "--empirical", "-o", out.string()});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.err.find("fitted 5 runs of job 'nightly'") != std::string::npos);
    std::stringstream text;
    text << std::ifstream(out).rdbuf();
    const sim::Profile p = sim::parse_profile(text.str(), out.string());
    REQUIRE(p.tasks.size() == 1);
    CHECK(p.tasks[0].match == "ingest");
    CHECK(*p.tasks[0].work.duration == Duration::seconds(300));  // the median of 100 … 500 s
    REQUIRE(p.tasks[0].work.duration_distribution.has_value());
    CHECK(p.tasks[0].work.duration_distribution->parameters() == std::vector<double>{100, 200, 300, 400, 500});
    CHECK(*p.tasks[0].work.failure_probability == doctest::Approx(1.0 / 6));  // 1 failed of 6 attempts
    // The startup of main: the setup of the first attempt of each run — 0 s in the third run (its
    // failed first attempt), 60 s in the others.
    REQUIRE(p.startups.size() == 1);
    CHECK(p.startups[0].first == "main");
    CHECK(p.startups[0].second.parameters() == std::vector<double>{0, 60, 60, 60, 60});
    CHECK(text.str().find("# failure_probability: 1 failed of 6 attempts") != std::string::npos);
  }

  TEST_CASE("fit, compare --history, backtest: bad input and options exit 2") {
    CHECK(invoke({"fit"}).code == 2);
    CHECK(invoke({"fit", "/nonexistent/history.json"}).code == 2);
    const fs::path history = write_temp("runs2.jsonl", five_runs());
    CHECK(invoke({"fit", history.string(), "--job", "other"}).code == 2);
    CHECK(invoke({"backtest", kCalibration + "job.yml"}).code == 2);  // no --history
    CHECK(invoke({"backtest", kCalibration + "job.yml", "--history", history.string(), "--split", "1.5"}).code == 2);
    CHECK(invoke({"backtest", kCalibration + "job.yml", "--history", history.string(), "--split", "0.1"}).code == 2);
  }

  TEST_CASE("compare --history and backtest run on a job; --fail-on-differ sets the exit code") {
    const fs::path history = write_temp("runs3.jsonl", five_runs());
    const auto c = invoke({"compare", kCalibration + "job.yml", "--history", history.string(), "-n", "20", "-j", "1"});
    INFO(c.err);
    CHECK(c.code == 0);
    CHECK(c.err.find("task 'transform' of the job has no record") != std::string::npos);
    const fs::path csv = fs::temp_directory_path() / "orchsim_fit_test_backtest.csv";
    const auto b = invoke({"backtest", kCalibration + "job.yml", "--history", history.string(), "-n", "50", "-j", "1",
                           "--out", csv.string()});
    INFO(b.err);
    CHECK(b.code == 0);
    CHECK(b.out.find("| makespan p50 (s) |") != std::string::npos);
    CHECK(fs::exists(csv));
    // 2 earlier runs fitted, 3 later: transform (no record) keeps its 10 min default, so the
    // simulated makespan is far above the recorded 3–10 min and differs.
    const auto f = invoke({"backtest", kCalibration + "job.yml", "--history", history.string(), "-n", "50", "-j", "1",
                           "--fail-on-differ"});
    CHECK(f.code == 1);
  }
}
