// `orchsim export` and `orchsim import` in-process: outputs, exit codes, safe writes.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/exit_codes.h"
#include "sim/input/load_input.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const std::string kSeed = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const char* name) {
  const fs::path dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST_SUITE("cli.export_import") {
  TEST_CASE("export writes the bundle to stdout or, atomically, to -o") {
    const auto r = invoke({"export", kSeed, "--strategy", "multi_job"});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.out.find("bundle:\n  name: seed-tradeoff\n") != std::string::npos);
    CHECK(r.out.find("job_id: \"${resources.jobs.job_C.id}\"") != std::string::npos);
    const fs::path dir = fresh_dir("orchsim_cli_export");
    const auto w = invoke({"export", kSeed, "--strategy", "multi_job", "--format", "json", "-o", (dir / "jobs.json").string()});
    REQUIRE(w.code == cli::kExitOk);
    CHECK(w.out.empty());
    CHECK(slurp(dir / "jobs.json").rfind("{\n  \"jobs\": [\n", 0) == 0);
  }

  TEST_CASE("export: an unknown strategy is bad input listing the scenario's strategies; bad options too") {
    const auto r = invoke({"export", kSeed, "--strategy", "nope"});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(r.err.find("no strategy named 'nope' (this scenario has: multi_job, single_job_shared_cluster, "
                     "single_job_cluster_per_task)") != std::string::npos);
    CHECK(r.out.empty());
    CHECK(invoke({"export", kSeed}).code == cli::kExitBadInput);
    CHECK(invoke({"export", "--strategy", "multi_job"}).code == cli::kExitBadInput);
    CHECK(invoke({"export", kSeed, "--strategy", "multi_job", "--format", "xml"}).code == cli::kExitBadInput);
    CHECK(invoke({"export", "/nonexistent.yaml", "--strategy", "multi_job"}).code == cli::kExitBadInput);
    CHECK(invoke({"export", "--help"}).code == cli::kExitOk);
  }

  TEST_CASE("export never writes through a symlink") {
    const fs::path dir = fresh_dir("orchsim_cli_export_link");
    std::ofstream(dir / "victim") << "keep";
    fs::create_symlink(dir / "victim", dir / "out.yml");
    const auto r = invoke({"export", kSeed, "--strategy", "multi_job", "-o", (dir / "out.yml").string()});
    CHECK(r.code == cli::kExitBadInput);
    CHECK(slurp(dir / "victim") == "keep");
    CHECK(fs::is_symlink(dir / "out.yml"));
  }

  TEST_CASE("import writes a scenario that loads to the same tasks and strategies") {
    const fs::path dir = fresh_dir("orchsim_cli_import");
    const fs::path file = dir / "again.yaml";
    const auto r = invoke({"import", kSeed, "-o", file.string()});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.err.find("(3 tasks, 3 strategies)") != std::string::npos);
    const auto again = sim::load_input(file.string(), {.use = sim::InputUse::kScenario});
    CHECK(again.scenario->workload.tasks.size() == 3);
    CHECK(again.scenario->strategies.size() == 3);
    CHECK(invoke({"import"}).code == cli::kExitBadInput);
    CHECK(invoke({"import", "/nonexistent.yaml"}).code == cli::kExitBadInput);
  }

  TEST_CASE("import of a Databricks job: the summary on stderr, each task's defaults as comments") {
    const fs::path dir = fresh_dir("orchsim_cli_import_databricks");
    const fs::path json = dir / "jobs.json";
    REQUIRE(invoke({"export", kSeed, "--strategy", "multi_job", "--format", "json", "-o", json.string()}).code == cli::kExitOk);
    const fs::path file = dir / "scenario.yaml";
    const auto r = invoke({"import", json.string(), "-o", file.string()});
    REQUIRE(r.code == cli::kExitOk);
    CHECK(r.err.find("import summary:") != std::string::npos);
    const std::string yaml = slurp(file);
    CHECK(yaml.find("# Databricks job 'seed_pipeline_orchestrator'.\n") != std::string::npos);
    CHECK(yaml.find("# duration, cores, mem_gib, failure rates: default for task type notebook\n") != std::string::npos);
    const auto again = sim::load_input(file.string(), {.use = sim::InputUse::kScenario});
    CHECK(again.scenario->workload.tasks.size() == 3);
    // The Databricks options: a bad --var is a usage error; any of them on a scenario file is bad input.
    CHECK(invoke({"import", json.string(), "--var", "novalue"}).code == cli::kExitBadInput);
    CHECK(invoke({"import", kSeed, "--job", "x"}).code == cli::kExitBadInput);
    CHECK(invoke({"export", kSeed, "--strategy", "multi_job", "--target", "prod"}).code == cli::kExitBadInput);
  }

  TEST_CASE("--help lists both commands") {
    const auto r = invoke({"--help"});
    CHECK(r.out.find("  export ") != std::string::npos);
    CHECK(r.out.find("  import ") != std::string::npos);
  }
}
