// read_input_file: why a file cannot be read, named, for every loader.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

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

TEST_SUITE("sim.input") {
  TEST_CASE("read_input_file gives every byte of a file larger than one read buffer") {
    // 200,000 bytes (more than the 64 KiB buffer a read appends with), each from its offset.
    std::string bytes(200'000, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>('a' + i % 26);
    const std::string path = (fs::temp_directory_path() / ("orchsim_input_file_test_" + std::to_string(::getpid()))).string();
    { std::ofstream(path, std::ios::binary) << bytes; }
    CHECK(sim::read_input_file(path, "scenario file") == bytes);
    fs::remove(path);
  }

  TEST_CASE("ORCHSIM_MAX_INPUT_BYTES bounds what read_input_file reads; a device is refused") {
    const std::string path = ORCHSIM_SOURCE_DIR "/scenarios/seed-tradeoff.yaml";
    const std::size_t size = sim::read_input_file(path, "scenario file").size();
    CHECK(sim::max_input_bytes(path) == 64ull << 20);  // the documented default (README: Limits)
    // A limit of exactly the file's size reads it; one byte less refuses it.
    ::setenv("ORCHSIM_MAX_INPUT_BYTES", std::to_string(size).c_str(), 1);
    CHECK(sim::read_input_file(path, "scenario file").size() == size);
    ::setenv("ORCHSIM_MAX_INPUT_BYTES", std::to_string(size - 1).c_str(), 1);
    CHECK(error_of(path) == path + ": the scenario file is larger than " + std::to_string(size - 1) +
                                " bytes (the input limit; set ORCHSIM_MAX_INPUT_BYTES to raise it)");
    ::setenv("ORCHSIM_MAX_INPUT_BYTES", "-5", 1);
    CHECK(error_of(path) == path + ": ORCHSIM_MAX_INPUT_BYTES must be a positive number of bytes, got '-5'");
    ::unsetenv("ORCHSIM_MAX_INPUT_BYTES");
    CHECK(error_of("/dev/zero") == "/dev/zero: cannot open the scenario file: not a regular file (a device, FIFO or socket)");
  }
}
