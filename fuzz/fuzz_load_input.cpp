// libFuzzer target: any bytes through the input seam (sim/input/load_input.h) for every use a
// command makes of it (compare, sweep, validate, check). Bad input must end in an InputError;
// anything else (another exception, a crash, a sanitizer report, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/error.h"
#include "sim/input/load_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto use : {orchsim::sim::InputUse::kScenario, orchsim::sim::InputUse::kSweep,
                         orchsim::sim::InputUse::kTrace, orchsim::sim::InputUse::kCheck}) {
    try {
      orchsim::sim::parse_input(text, "fuzz.yaml", {.use = use});
    } catch (const orchsim::InputError&) {
      // Bad input, reported as such: the expected outcome.
    }
  }
  return 0;
}
