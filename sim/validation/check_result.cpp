#include "sim/validation/check_result.h"

namespace orchsim::sim {

const char* to_string(CheckKind kind) {
  switch (kind) {
    case CheckKind::kMean: return "mean";
    case CheckKind::kProportion: return "proportion";
    case CheckKind::kQuantile: return "quantile";
    case CheckKind::kExact: return "exact";
    case CheckKind::kBound: return "bound";
    case CheckKind::kTrace: return "trace";
  }
  return "?";
}

}  // namespace orchsim::sim
