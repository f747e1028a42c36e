// read_input_file: why a file cannot be read, named, for every loader.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "engine/error.h"
#include "sim/input/input_file.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

std::string error_of(const std::string& path) {
  try {
    sim::load_scenario(path);
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics().front().to_string();
  }
  return {};
}

}  // namespace

TEST_SUITE("sim.scenario") {
  TEST_CASE("a file that cannot be read is an input error saying why") {
    CHECK(error_of("/nonexistent/s.yaml") == "/nonexistent/s.yaml: cannot open the scenario file: No such file or directory");
    const std::string dir = fs::temp_directory_path().string();
    CHECK(error_of(dir) == dir + ": cannot open the scenario file: it is a directory");
    CHECK(sim::read_input_file(ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml", "scenario file").find("name: seed-tradeoff") !=
          std::string::npos);
  }
}
