// Enforces docs/architecture.md "who may include whom" by reading every #include line of the tree.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Rule {
  std::string folder;     // relative to the repository root
  std::string exempt;     // a subfolder the rule does not cover ("" for none)
  std::regex forbidden;   // matched against each line
  std::string why;
};

constexpr const char* kLiveLibraries = "#include\\s*<(sqlite3\\.h|curl/)";

std::vector<Rule> rules() {
  const auto ours = [](const std::string& mods) { return "#include\\s*[<\"](" + mods + ")/"; };
  return {
      {"engine", "engine/live", std::regex(ours("sim|models|reports|cli")), "engine/ knows only std and fmt"},
      {"engine", "engine/live", std::regex("#include\\s*<(yaml-cpp|boost|Eigen|thread|unistd|sys/)"),
       "engine/ includes no yaml-cpp, Boost, Eigen, threads or OS headers"},
      {"engine", "engine/live",
       std::regex("(steady_clock|system_clock|high_resolution_clock)::now|std::this_thread|sleep_for"),
       "engine/ never reads a clock"},
      {"engine/live", "", std::regex(ours("sim|models|reports|cli")), "engine/live adapts the engine to the OS only"},
      // SQLite (the run history) and libcurl (webhook alerts) are linked to orchsim_live only.
      {"engine", "engine/live", std::regex(kLiveLibraries), "only engine/live talks to SQLite and libcurl"},
      {"models", "", std::regex(kLiveLibraries), "only engine/live talks to SQLite and libcurl"},
      {"sim", "", std::regex(kLiveLibraries), "only engine/live talks to SQLite and libcurl"},
      {"reports", "", std::regex(kLiveLibraries), "only engine/live talks to SQLite and libcurl"},
      {"cli", "", std::regex(kLiveLibraries), "only engine/live talks to SQLite and libcurl"},
      {"models", "", std::regex(ours("sim|reports|cli|engine/live")), "models/ are pure: no loop, no sim"},
      {"models", "", std::regex("#include\\s*[<\"](yaml-cpp|engine/engine\\.h)"), "models/ see no YAML, no engine loop"},
      {"sim", "", std::regex(ours("reports|cli|engine/live")), "sim/ never reaches up to reports, cli or live"},
      {"sim", "sim/input", std::regex("#include\\s*<(yaml-cpp|yaml\\.h)"), "only sim/input reads YAML"},
      // The wings of sim/: each includes only the wings below it (kernel <- world <- experiment <-
      // validation); input builds specs from files and runs nothing.
      {"sim/kernel", "", std::regex(ours("sim/(world|experiment|validation|input)")), "sim/kernel is the bottom wing"},
      {"sim/world", "", std::regex(ours("sim/(experiment|validation|input)")), "sim/world sits under experiment"},
      {"sim/experiment", "", std::regex(ours("sim/validation")), "sim/experiment sits under validation"},
      {"sim/input", "", std::regex(ours("sim/(kernel|world|experiment|validation)")),
       "sim/input builds specs; it runs nothing"},
      {"sim", "", std::regex("#include\\s*\"sim/[a-z_]+\\.h\""), "sim/ code lives in a wing, not at its top"},
      {"reports", "", std::regex(ours("cli|engine/live")), "reports/ only write"},
      // Reports read result types (sim/experiment/*_result.h, the metric catalog, summaries,
      // timeline) and specs, never the headers that run or load anything.
      {"reports", "",
       std::regex("#include\\s*[<\"](yaml-cpp|engine/engine\\.h|sim/(kernel|world|validation)/|"
                  "sim/experiment/(experiment|replication|sweep|model_check|timeline_builder|metrics_collector)\\.h|"
                  "sim/input/(?![a-z_]*_(spec|axis)\\.h))"),
       "reports/ read results; they never run anything"},
      // MPI is the CLI's business: cli/mpi/ alone includes <mpi.h> (an optional build, ORCHSIM_MPI).
      {"engine", "", std::regex("#include\\s*[<\"]mpi"), "only cli/mpi includes MPI"},
      {"models", "", std::regex("#include\\s*[<\"]mpi"), "only cli/mpi includes MPI"},
      {"sim", "", std::regex("#include\\s*[<\"]mpi"), "only cli/mpi includes MPI"},
      {"reports", "", std::regex("#include\\s*[<\"]mpi"), "only cli/mpi includes MPI"},
      {"cli", "cli/mpi", std::regex("#include\\s*[<\"]mpi"), "only cli/mpi includes MPI"},
  };
}

std::vector<std::string> layering_violations(const fs::path& root) {
  std::vector<std::string> found;
  for (const Rule& rule : rules()) {
    const fs::path dir = root / rule.folder;
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const auto ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
      const std::string rel = fs::relative(entry.path(), root).generic_string();
      if (!rule.exempt.empty() && rel.rfind(rule.exempt + "/", 0) == 0) continue;
      std::ifstream in(entry.path());
      std::string line;
      for (int n = 1; std::getline(in, line); ++n) {
        if (std::regex_search(line, rule.forbidden)) found.push_back(rel + ":" + std::to_string(n) + ": " + rule.why);
      }
    }
  }
  return found;
}

}  // namespace

TEST_SUITE("layering") {
  TEST_CASE("the source tree follows the include rules of docs/architecture.md") {
    const auto violations = layering_violations(ORCHSIM_SOURCE_DIR);
    for (const auto& v : violations) MESSAGE(v);
    CHECK(violations.empty());
  }

  TEST_CASE("the checker catches a forbidden include and a clock read") {
    const fs::path root = fs::temp_directory_path() / "orchsim_layering_probe";
    fs::remove_all(root);
    fs::create_directories(root / "engine");
    fs::create_directories(root / "models");
    fs::create_directories(root / "sim" / "world");
    std::ofstream(root / "engine" / "bad.cpp") << "#include \"sim/cluster_world.h\"\nauto t = std::chrono::steady_clock::now();\n";
    std::ofstream(root / "models" / "bad.h") << "#include <yaml-cpp/yaml.h>\n";
    std::ofstream(root / "sim" / "world" / "bad.h") << "#include \"sim/experiment/metrics_collector.h\"\n";
    const auto violations = layering_violations(root);
    fs::remove_all(root);
    REQUIRE(violations.size() == 4);
    CHECK(violations[0] == "engine/bad.cpp:1: engine/ knows only std and fmt");
    CHECK(violations[1] == "engine/bad.cpp:2: engine/ never reads a clock");
    CHECK(violations[2] == "models/bad.h:1: models/ see no YAML, no engine loop");
    CHECK(violations[3] == "sim/world/bad.h:1: sim/world sits under experiment");
  }

  TEST_CASE("the checker keeps SQLite and libcurl in engine/live") {
    const fs::path root = fs::temp_directory_path() / "orchsim_layering_live_probe";
    fs::remove_all(root);
    fs::create_directories(root / "engine" / "live");
    fs::create_directories(root / "cli");
    std::ofstream(root / "engine" / "live" / "ok.cpp") << "#include <sqlite3.h>\n#include <curl/curl.h>\n";
    std::ofstream(root / "engine" / "bad.cpp") << "#include <sqlite3.h>\n";
    std::ofstream(root / "cli" / "bad.cpp") << "#include <curl/curl.h>\n";
    const auto violations = layering_violations(root);
    fs::remove_all(root);
    REQUIRE(violations.size() == 2);
    CHECK(violations[0] == "engine/bad.cpp:1: only engine/live talks to SQLite and libcurl");
    CHECK(violations[1] == "cli/bad.cpp:1: only engine/live talks to SQLite and libcurl");
  }

  TEST_CASE("the checker keeps reports on result types") {
    const fs::path root = fs::temp_directory_path() / "orchsim_layering_reports_probe";
    fs::remove_all(root);
    fs::create_directories(root / "reports");
    std::ofstream(root / "reports" / "bad.cpp") << "#include \"sim/experiment/experiment_result.h\"\n"
                                                   "#include \"sim/experiment/experiment.h\"\n"
                                                   "#include \"sim/experiment/metric_catalog.h\"\n"
                                                   "#include \"sim/experiment/timeline_builder.h\"\n"
                                                   "#include \"sim/input/scenario_spec.h\"\n"
                                                   "#include \"sim/input/sweep_loader.h\"\n"
                                                   "#include \"sim/world/cluster_world.h\"\n";
    const auto violations = layering_violations(root);
    fs::remove_all(root);
    REQUIRE(violations.size() == 4);
    CHECK(violations[0] == "reports/bad.cpp:2: reports/ read results; they never run anything");
    CHECK(violations[1] == "reports/bad.cpp:4: reports/ read results; they never run anything");
    CHECK(violations[2] == "reports/bad.cpp:6: reports/ read results; they never run anything");
    CHECK(violations[3] == "reports/bad.cpp:7: reports/ read results; they never run anything");
  }

  TEST_CASE("the checker keeps <mpi.h> in cli/mpi") {
    const fs::path root = fs::temp_directory_path() / "orchsim_layering_mpi_probe";
    fs::remove_all(root);
    fs::create_directories(root / "cli" / "mpi");
    fs::create_directories(root / "sim" / "experiment");
    std::ofstream(root / "cli" / "mpi" / "ok.cpp") << "#include <mpi.h>\n";
    std::ofstream(root / "cli" / "bad.cpp") << "#include \"cli/mpi/ok.h\"\n#include <mpi.h>\n";
    std::ofstream(root / "sim" / "experiment" / "bad.cpp") << "#include <mpi.h>\n";
    const auto violations = layering_violations(root);
    fs::remove_all(root);
    REQUIRE(violations.size() == 2);
    CHECK(violations[0] == "sim/experiment/bad.cpp:1: only cli/mpi includes MPI");
    CHECK(violations[1] == "cli/bad.cpp:2: only cli/mpi includes MPI");
  }
}
