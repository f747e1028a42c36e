// libFuzzer target: any bytes through the Databricks reader (sim/input/databricks_reader.h), as a
// job file or bundle YAML (includes are resolved relative to a folder that does not exist, so a
// fuzzed `include:` reads nothing). Only an InputError is an acceptable failure. Built once the
// reader's implementation exists (fuzz/CMakeLists.txt).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/error.h"
#include "sim/input/databricks_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* file : {"/nonexistent-orchsim-fuzz/databricks.yml", "/nonexistent-orchsim-fuzz/job.json"}) {
    try {
      orchsim::sim::parse_databricks_source(text, file, {});
    } catch (const orchsim::InputError&) {
      // Bad input, reported as such.
    }
  }
  return 0;
}
