// Enforces DESIGN.md §1 "who may include whom" by reading every #include line of the tree.
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
      {"models", "", std::regex(ours("sim|reports|cli|engine/live")), "models/ are pure: no loop, no sim"},
      {"models", "", std::regex("#include\\s*[<\"](yaml-cpp|engine/engine\\.h)"), "models/ see no YAML, no engine loop"},
      {"sim", "", std::regex(ours("reports|cli|engine/live")), "sim/ never reaches up to reports, cli or live"},
      {"sim", "sim/scenario", std::regex("#include\\s*<yaml-cpp"), "only sim/scenario and sim/import read YAML"},
      {"reports", "", std::regex(ours("cli|engine/live")), "reports/ only write"},
      {"reports", "", std::regex("#include\\s*[<\"](yaml-cpp|sim/simulated_runtime|engine/engine\\.h)"),
       "reports/ read results; they never run anything"},
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
      if (rule.exempt == "sim/scenario" && rel.rfind("sim/import/", 0) == 0) continue;
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
  TEST_CASE("the source tree follows DESIGN.md's include rules") {
    const auto violations = layering_violations(ORCHSIM_SOURCE_DIR);
    for (const auto& v : violations) MESSAGE(v);
    CHECK(violations.empty());
  }

  TEST_CASE("the checker catches a forbidden include and a clock read") {
    const fs::path root = fs::temp_directory_path() / "orchsim_layering_probe";
    fs::remove_all(root);
    fs::create_directories(root / "engine");
    fs::create_directories(root / "models");
    std::ofstream(root / "engine" / "bad.cpp") << "#include \"sim/cluster_world.h\"\nauto t = std::chrono::steady_clock::now();\n";
    std::ofstream(root / "models" / "bad.h") << "#include <yaml-cpp/yaml.h>\n";
    const auto violations = layering_violations(root);
    fs::remove_all(root);
    REQUIRE(violations.size() == 3);
    CHECK(violations[0] == "engine/bad.cpp:1: engine/ knows only std and fmt");
    CHECK(violations[1] == "engine/bad.cpp:2: engine/ never reads a clock");
    CHECK(violations[2] == "models/bad.h:1: models/ see no YAML, no engine loop");
  }
}
