// libFuzzer target: any bytes through the WfCommons importer (sim/input/wfcommons.h) directly, the
// way the validation ladder's callers may. Only an InputError is an acceptable failure.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/error.h"
#include "sim/input/wfcommons.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    orchsim::sim::parse_wfcommons(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  } catch (const orchsim::InputError&) {
    // Bad input, reported as such.
  }
  return 0;
}
