// Databricks files through the input seam: detected by content before the scenario row, served to
// `compare` only, bundle folders, node types without a price, and (when ../shared/examples is
// present) every public example and every job-related failing schema example.
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "sim/experiment/experiment.h"
#include "sim/input/databricks_reader.h"
#include "sim/input/load_input.h"

namespace orchsim::sim {
namespace {

const std::string kMap = std::string(ORCHSIM_SOURCE_DIR) + "/tests/fixtures/databricks/map/";

std::string first_error(std::string_view text, const InputOptions& options) {
  try {
    (void)parse_input(text, "d.yml", options);
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

constexpr const char* kJob =
    "resources:\n  jobs:\n    j:\n      tasks:\n"
    "        - {task_key: a, notebook_task: {notebook_path: x}, new_cluster: {node_type_id: Standard_L8s_v3, num_workers: 1}}\n";

TEST_CASE("a bundle is detected by content and becomes a scenario with as_defined and every alternative") {
  const LoadedInput in = parse_input(
      "resources:\n  jobs:\n    j:\n      tasks: [{task_key: a, notebook_task: {notebook_path: x}}]\n", "d.yml", {});
  CHECK(in.format == InputFormat::kDatabricks);
  REQUIRE(in.scenario.has_value());
  CHECK(in.scenario->strategies.size() == 7);
  CHECK(in.scenario->strategies.front().name == "as_defined");
  REQUIRE(in.databricks.has_value());
  CHECK(in.databricks->job == "j");
  CHECK(in.databricks->summary.defaulted.size() == 1);  // a took the notebook defaults
}

TEST_CASE("Jobs API settings are read too, with the API's own fields listed as not modelled") {
  const LoadedInput in = parse_input(
      R"({"name": "api", "format": "MULTI_TASK", "tasks": [{"task_key": "t", "spark_python_task": {"python_file": "f"},
         "max_retries": 1.0}]})", "api.json", {});
  CHECK(in.format == InputFormat::kDatabricks);
  CHECK(in.scenario->workload.tasks[0].retry.max_retries == std::optional<std::uint32_t>(1));
  REQUIRE(in.databricks->summary.unmodelled.size() == 1);
  CHECK(in.databricks->summary.unmodelled[0].field == "format");
}

TEST_CASE("a node type the catalog lacks: compare asks for its price, naming it; the profile can give it") {
  CHECK(first_error(kJob, {}) ==
        "d.yml:5:88: node type 'Standard_L8s_v3' is not in orchsim's catalog: give its price in the profile (node_types: "
        "[{name: Standard_L8s_v3, vcpus: …, mem_gib: …, dbu_per_hour: …, vm_usd_per_hour: …}])");
  InputOptions options;
  options.profile_path = kMap + "profile.yml";
  const LoadedInput in = parse_input(kJob, "d.yml", options);
  CHECK(in.scenario->catalog.find("Standard_L8s_v3")->vcpus == 8);
}

TEST_CASE("a Databricks job is refused for sweep and validate, pointing at compare") {
  CHECK(first_error(kJob, {.use = InputUse::kSweep}).find("not a sweep (a scenario with a 'sweep' grid): 'orchsim compare "
                                                          "d.yml' compares the job as written with the other layouts") !=
        std::string::npos);
}

TEST_CASE("the Databricks options given with a scenario are an error, not ignored") {
  InputOptions options;
  options.profile_path = kMap + "profile.yml";
  CHECK(first_error("name: s\nworkload: {tasks: [{task_key: a, duration: 1m}]}\nstrategies: [multi_job]\n", options) ==
        "d.yml:1:1: --job, --target, --var and --profile apply to Databricks jobs; this is a scenario (YAML with "
        "'workload' and 'strategies', see scenarios/README.md)");
}

TEST_CASE("a bundle folder is read through its databricks.yml; --job picks a job") {
  const LoadedInput in = load_input(kMap + "bundle_dir", {});
  CHECK(in.format == InputFormat::kDatabricks);
  CHECK(in.scenario->workload.tasks.size() == 2);
  InputOptions options;
  options.job = "nope";
  CHECK_THROWS_AS(load_input(kMap + "bundle_dir", options), InputError);
}

TEST_CASE("an imported job runs: every strategy simulates") {
  ScenarioSpec scenario = *load_input(kMap + "etl_bundle.yml", {.use = InputUse::kScenario, .bundle = {}, .job = {},
                                                                  .profile_path = kMap + "profile.yml"}).scenario;
  const ExperimentResult result = run_experiment(scenario, {.replications = 3, .seed = 7, .threads = 1});
  CHECK(result.strategies.size() == 7);
}

// The public examples: each job of each file imports and compares with the default profile, except
// the dbx example, whose node type is a placeholder: compare asks for its price.
TEST_CASE("every public Databricks example compares with the default profile (when present)") {
  const std::filesystem::path dir = std::filesystem::path(ORCHSIM_EXAMPLES_DIR) / "databricks";
  if (!std::filesystem::exists(dir)) return;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() == ".md") continue;
    CAPTURE(path);
    const DatabricksSource source = read_databricks_source(path, {});
    REQUIRE_FALSE(source.jobs.empty());
    for (const DatabricksJobSource& job : source.jobs) {
      InputOptions options;
      options.job = job.key;
      if (path.find("dbx__tests") != std::string::npos) {
        try {
          (void)load_input(path, options);
          FAIL("expected the price of the placeholder node type to be asked for");
        } catch (const InputError& e) {
          CHECK(e.diagnostics().front().message.find("node type '{some-node-type-id}'") != std::string::npos);
          CHECK(e.diagnostics().front().where.line > 0);
        }
        continue;
      }
      const ScenarioSpec scenario = *load_input(path, options).scenario;
      CHECK(run_experiment(scenario, {.replications = 2, .seed = 1, .threads = 1}).strategies.size() == 7);
    }
    if (path.find("dbx__tests") != std::string::npos) continue;
    // Without --job: the file's root jobs, together (one of them alone when only one).
    const LoadedInput whole = load_input(path, {});
    CHECK(run_experiment(*whole.scenario, {.replications = 2, .seed = 1, .threads = 1}).strategies.size() == 7);
  }
}

TEST_CASE("every job-related failing schema example is rejected with a location (when present)") {
  const std::filesystem::path dir = std::filesystem::path(ORCHSIM_EXAMPLES_DIR) / "databricks-bundle-schema/fail";
  if (!std::filesystem::exists(dir)) return;
  for (const char* name : {"deprecated_job_field_format.yml", "hidden_job_field_deployment.yml",
                           "hidden_job_field_edit_mode.yml", "invalid_enum_value_in_job.yml",
                           "invalid_reference_in_job.yml", "invalid_unicode_variable_reference.yml",
                           "nfd_unicode_variable_reference.yml", "readonly_job_field_git_snapshot.yml",
                           "readonly_job_field_job_source.yml", "required_field_missing_in_job.yml",
                           "unknown_field_in_job.yml"}) {
    const std::string file = name;
    CAPTURE(file);
    InputOptions options;
    if (file == "hidden_job_field_edit_mode.yml") options.bundle.target = "foo";  // its job is in target foo only
    try {
      (void)load_input((dir / name).string(), options);
      FAIL("accepted");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().front().where.line > 0);
    }
  }
}

}  // namespace
}  // namespace orchsim::sim
