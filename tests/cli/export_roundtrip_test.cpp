// Issue #12: "importing [an export] back gives the same deployment". For every strategy of every
// shipped scenario, `orchsim export --format json` is read back through load_input as a Databricks
// job, and the imported layout as written (`as_defined`) must plan to the same deployment
// structure as the strategy did: the same jobs (by their number of work and orchestration tasks),
// the same computes (node type, workers, kind) and the same cross-job edges. Task names may differ
// (the importer prefixes a child job's tasks with the run_job task that starts it), and durations
// are the importer's defaults, so the comparison is of structure, not of names or timings.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "models/deployment.h"
#include "sim/input/load_input.h"
#include "tests/cli/cli_invoke.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

struct Shape {
  std::vector<std::size_t> job_sizes;  // tasks per job, sorted
  std::vector<std::tuple<std::string, int, int>> computes;  // node type, workers, kind; sorted
  std::size_t cross_job_edges = 0;

  bool operator==(const Shape&) const = default;
};

Shape shape_of(const models::Deployment& d) {
  Shape s;
  for (const JobSpec& job : d.jobs) s.job_sizes.push_back(job.dag.size());
  for (const models::ComputeSpec& c : d.computes) {
    // Serverless is sized to its task's cores, which a Databricks job does not state: the importer
    // takes them from the profile, so only the kind and node type can carry over.
    const int workers = c.traits().sized_to_task ? -1 : c.shape.workers;
    s.computes.emplace_back(c.shape.node != nullptr ? c.shape.node->name : "", workers,
                            static_cast<int>(c.cluster().kind));
  }
  std::sort(s.job_sizes.begin(), s.job_sizes.end());
  std::sort(s.computes.begin(), s.computes.end());
  s.cross_job_edges = d.cross_job_edges();
  return s;
}

std::string describe(const Shape& s) {
  std::string computes;
  for (const auto& [node, workers, kind] : s.computes) computes += fmt::format(" {}x{}/k{}", node, workers, kind);
  return fmt::format("jobs [{}], computes{}, {} cross-job edges", fmt::join(s.job_sizes, " "), computes,
                     s.cross_job_edges);
}

Shape plan_shape(const sim::ScenarioSpec& spec, const models::StrategySpec& strategy) {
  Diagnostics diagnostics;
  const auto dag = spec.workload.dag(diagnostics);
  REQUIRE(dag.has_value());
  const auto deployment = models::plan(spec.workload, *dag, strategy, spec.catalog, spec.world.pricing, diagnostics);
  REQUIRE_MESSAGE(deployment.has_value(), strategy.name);
  return shape_of(*deployment);
}

// A profile pricing the scenario's own node types, which a Databricks job names but cannot price.
std::string profile_for(const sim::ScenarioSpec& spec, const fs::path& dir) {
  const models::Catalog builtin = models::Catalog::builtin();
  std::string text = "node_types:\n";
  for (const models::NodeType& n : spec.catalog.nodes()) {
    if (builtin.find(n.name) != nullptr) continue;
    text += fmt::format("  - {{name: {}, vcpus: {}, mem_gib: {}, dbu_per_hour: {}, vm_usd_per_hour: {}, gpus: {}}}\n",
                        n.name, n.vcpus, n.mem_gib, n.dbu_per_hour, n.vm_usd_per_hour, n.gpus);
  }
  if (text == "node_types:\n") return {};
  const fs::path path = dir / "profile.yaml";
  std::ofstream(path) << text;
  return path.string();
}

// The bundle's lookup variables (an existing cluster's or a pool's id, looked up by name at deploy
// time): offline they need a value, as a user would give with --var.
std::vector<std::pair<std::string, std::string>> lookup_values(const std::string& bundle) {
  std::vector<std::pair<std::string, std::string>> vars;
  std::istringstream lines(bundle);
  std::string line, variable;
  bool in_variables = false;
  while (std::getline(lines, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') in_variables = line == "variables:";
    if (!in_variables) continue;
    if (line.rfind("  ", 0) == 0 && line.size() > 2 && line[2] != ' ') variable = line.substr(2, line.find(':') - 2);
    if (line == "    lookup:") vars.emplace_back(variable, "1234-567890-abcdefgh");
  }
  return vars;
}

}  // namespace

TEST_CASE("export then import gives the same deployment, for every strategy of every shipped scenario") {
  int compared = 0;
  const fs::path dir = fs::temp_directory_path() / fmt::format("orchsim-roundtrip-{}", static_cast<const void*>(&compared));
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(ORCHSIM_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const std::string file = entry.path().string();
    const sim::ScenarioSpec original = *sim::load_input(file, {}).scenario;
    sim::InputOptions options;
    options.profile_path = profile_for(original, dir);
    for (const models::StrategySpec& strategy : original.strategies) {
      CAPTURE(file);
      CAPTURE(strategy.name);
      for (const std::string format : {"json", "bundle"}) {
        CAPTURE(format);
        const auto exported = orchsim::testing::invoke({"export", file, "--strategy", strategy.name, "--format", format});
        REQUIRE(exported.code == cli::kExitOk);
        const std::string name = format == "json" ? "export.json" : "databricks.yml";
        options.bundle.vars = lookup_values(exported.out);
        const sim::LoadedInput back = sim::parse_input(exported.out, (dir / name).string(), options);
        REQUIRE(back.format == sim::InputFormat::kDatabricks);
        const auto as_defined = std::find_if(back.scenario->strategies.begin(), back.scenario->strategies.end(),
                                             [](const auto& s) { return s.kind == models::StrategyKind::kAsDefined; });
        REQUIRE(as_defined != back.scenario->strategies.end());
        const Shape want = plan_shape(original, strategy);
        const Shape got = plan_shape(*back.scenario, *as_defined);
        CHECK_MESSAGE(got == want, "exported ", describe(want), "; imported ", describe(got));
        ++compared;
      }
    }
  }
  fs::remove_all(dir);
  CHECK(compared >= 16);
}
