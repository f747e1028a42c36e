// `orchsim validate --quick` in-process: the CI ladder passes, writes its Markdown and CSV, and gives
// the same numbers at any thread count. Bad usage is exit 2.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("cli.validate") {
  TEST_CASE("the quick ladder passes, writes md + csv, and does not depend on the thread count") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_validate_test";
    fs::remove_all(dir);
    const auto one = invoke({"validate", "--quick", "-j", "1", "--out", (dir / "j1").string()});
    INFO(one.out);
    CHECK(one.code == cli::kExitOk);
    CHECK(one.out.find("FAIL") == std::string::npos);
    CHECK(one.out.find("| check | analytic | simulated (99% CI) | rel. err | n | ok |") != std::string::npos);
    const std::string csv = slurp(dir / "j1" / "validation.csv");
    CHECK(csv.rfind("rung,check,kind,unit,analytic,simulated,ci99_low,ci99_high,relative_error,samples,passed,rule\n", 0) == 0);
    CHECK(csv.find(",false,") == std::string::npos);
    CHECK(slurp(dir / "j1" / "validation.md") == one.out);

    const auto three = invoke({"validate", "--quick", "-j", "3", "--out", (dir / "j3").string()});
    CHECK(three.code == cli::kExitOk);
    CHECK(slurp(dir / "j3" / "validation.csv") == csv);
    fs::remove_all(dir);
  }

  TEST_CASE("bad usage and unreadable traces are exit 2") {
    CHECK(invoke({"validate", "--frobnicate"}).code == cli::kExitBadInput);
    CHECK(invoke({"validate", "--help"}).code == cli::kExitOk);
    const auto missing = invoke({"validate", "--quick", "/nonexistent/trace.json"});
    CHECK(missing.code == cli::kExitBadInput);
    CHECK(missing.err.find("/nonexistent/trace.json") != std::string::npos);
    CHECK(missing.out.empty());
  }

  TEST_CASE("a scenario given as a trace is exit 2 before anything runs, pointing at compare") {
    const std::string scenario = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";
    const auto r = invoke({"validate", "--quick", scenario});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(r.out.empty());
    CHECK(r.err.rfind("error: " + scenario + ":", 0) == 0);
    CHECK(r.err.find(": this is a scenario ") != std::string::npos);
    CHECK(r.err.find("'orchsim compare " + scenario + "'") != std::string::npos);
  }

  TEST_CASE("a trace predicted beyond --max-error fails the run (exit 1); out-of-range options are exit 2") {
    // tests/fixtures/wfcommons: fam-four-001.json is predicted 100% off (trace_calibration_test).
    const std::string dir = ORCHSIM_SOURCE_DIR "/tests/fixtures/wfcommons/";
    const std::vector<std::string> files = {dir + "fam-one-001.json", dir + "fam-four-001.json",
                                            dir + "fam-chain-001.json"};
    std::vector<std::string> args = {"validate", "--quick", "-j", "2"};
    args.insert(args.end(), files.begin(), files.end());
    const auto failed = invoke(args);
    CHECK(failed.code == cli::kExitCheckFailed);
    CHECK(failed.out.find("fam-four-001.json (4 tasks, 1 machine) predicted from the 2 other fam instances") !=
          std::string::npos);
    CHECK(failed.out.find("1 of ") != std::string::npos);
    args.insert(args.begin() + 2, {"--max-error", "1.01"});
    CHECK(invoke(args).code == cli::kExitOk);
    CHECK(invoke({"validate", "--max-error", "-0.1"}).code == cli::kExitBadInput);
    CHECK(invoke({"validate", "--bandwidth", "fast"}).code == cli::kExitBadInput);
  }
}
