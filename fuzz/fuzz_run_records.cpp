// libFuzzer target: any bytes through the run-records readers (sim/input/run_records_reader.h), as
// one file and as the same bytes twice (the merge of two files). Only an InputError is an
// acceptable failure.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/error.h"
#include "sim/input/run_records_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    orchsim::sim::parse_run_records({{"fuzz.csv", text}, {"again.csv", text}});
  } catch (const orchsim::InputError&) {
    // Bad input, reported as such.
  }
  return 0;
}
