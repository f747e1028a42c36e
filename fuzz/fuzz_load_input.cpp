// libFuzzer target: any bytes through the input seam (sim/input/load_input.h), for the use a
// command makes of it (compare, sweep, validate, check) chosen by the first byte, so that the
// fuzzer learns which use reaches what. Bad input must end in an InputError; anything else (another
// exception, a crash, a sanitizer report, a hang) is a finding. The input's folder does not exist, so
// what it names relative to itself (an `include:` glob, a trace) reads nothing: each run is the same
// wherever the fuzzer starts, and never walks the folder it was started in.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/error.h"
#include "sim/input/load_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using orchsim::sim::InputUse;
  if (size == 0) return 0;
  constexpr InputUse kUses[] = {InputUse::kScenario, InputUse::kSweep, InputUse::kTrace, InputUse::kCheck};
  const InputUse use = kUses[data[0] % 4];
  try {
    orchsim::sim::parse_input(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1),
                              "/nonexistent-orchsim-fuzz/fuzz.yaml", {.use = use, .max_sweep_points = 64});
  } catch (const orchsim::InputError&) {
    // Bad input, reported as such: the expected outcome.
  }
  return 0;
}
