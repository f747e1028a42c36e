#include "sim/world/run_ordinals.h"

#include <algorithm>

namespace orchsim::sim {

std::uint32_t RunOrdinals::of(TaskId task, RunId run) {
  RunId& first = first_[task.index()];
  if (first == run) return 0;
  if (!first.valid()) {
    first = run;
    return 0;
  }
  auto& later = later_[task.value()];
  auto it = std::find(later.begin(), later.end(), run);
  if (it == later.end()) it = later.insert(later.end(), run);
  return static_cast<std::uint32_t>(it - later.begin()) + 1;
}

}  // namespace orchsim::sim
