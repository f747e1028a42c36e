// `orchsim check`: every file read as what it is, every problem of every file reported, nothing run.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/cli/cli_invoke.h"

using namespace orchsim;
namespace fs = std::filesystem;

TEST_SUITE("cli.check") {
  TEST_CASE("good files print one ok line each; bad ones every problem; exit 2 if any is bad") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_check_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string good = (dir / "good.yaml").string();
    const std::string bad = (dir / "bad.yaml").string();
    std::ofstream(good) << "name: g\nworkload: {tasks: [{task_key: a, duration: 1m}]}\nstrategies: [multi_job]\n";
    // Two problems in one file: a negative duration (3:35) and an unknown dependency (3:82).
    std::ofstream(bad) << "name: b\nworkload:\n  tasks: [{task_key: a, duration: -1m}, {task_key: c, duration: 1m, depends_on: [zz]}]\n"
                          "strategies: [multi_job]\n";

    const testing::Outcome ok = testing::invoke({"check", good});
    CHECK(ok.code == 0);
    CHECK(ok.out == good + ": ok (scenario, 1 task, 1 strategy)\n");
    CHECK(ok.err.empty());

    const testing::Outcome mixed = testing::invoke({"check", bad, good, (dir / "missing.yaml").string()});
    CHECK(mixed.code == 2);
    CHECK(mixed.out == good + ": ok (scenario, 1 task, 1 strategy)\n");
    CHECK(mixed.err.find(bad + ":3:35:") != std::string::npos);
    CHECK(mixed.err.find(bad + ":3:82:") != std::string::npos);
    CHECK(mixed.err.find("missing.yaml: cannot open the input file: No such file or directory") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("check takes compare's Databricks options: --job picks one of several jobs, else all together") {
    const fs::path dir = fs::temp_directory_path() / "orchsim_cli_check_databricks_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string jobs = (dir / "jobs.yml").string();
    // Two jobs, neither run by the other: laid out together, unless --job picks one.
    std::ofstream(jobs) << "resources:\n  jobs:\n    one:\n      tasks: [{task_key: a}]\n"
                           "    two:\n      tasks: [{task_key: b}]\n";
    const testing::Outcome together = testing::invoke({"check", jobs});
    CHECK(together.code == 0);
    CHECK(together.out.find(jobs + ": ok (2 Databricks jobs compared together ('one', 'two'), 2 tasks") == 0);
    const testing::Outcome chosen = testing::invoke({"check", jobs, "--job", "two"});
    CHECK(chosen.code == 0);
    CHECK(chosen.out.find(jobs + ": ok (Databricks job 'two', 1 task") == 0);
    CHECK(testing::invoke({"check", jobs, "--var", "novalue"}).code == 2);
    fs::remove_all(dir);
  }

  TEST_CASE("check needs a file") {
    const testing::Outcome got = testing::invoke({"check"});
    CHECK(got.code == 2);
    CHECK(got.err.find("missing the FILE") != std::string::npos);
  }
}
