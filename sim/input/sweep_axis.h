// SweepAxis: one swept parameter of a sweep file (sim/input/sweep_loader.h) and the values to try,
// as written. A spec type on its own so that sweep results (sim/experiment/sweep_result.h) and the
// reports can name it without the loader. Plain data.
#pragma once

#include <string>
#include <vector>

namespace orchsim::sim {

struct SweepAxis {
  std::string parameter;
  std::vector<std::string> labels;  // the values as written
};

}  // namespace orchsim::sim
