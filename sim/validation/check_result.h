// CheckResult: one row of the validation ladder, an analytic or recorded value next to the simulated
// one, with how pass/fail was decided (the rules are in sim/validation/validation.h). Produced by
// the ladder's rungs (sim/validation/validation.cpp, validation_traces.cpp), rendered by
// `orchsim validate` (cli/validate.cpp). A plain value; any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace orchsim::sim {

enum class CheckKind : std::uint8_t { kMean, kProportion, kQuantile, kExact, kBound, kTrace };

const char* to_string(CheckKind kind);

struct CheckResult {
  std::string rung;  // the ladder step: "bounded retries", "M/M/c", …
  std::string name;  // what is compared: "p=0.2 R=3: E[attempts]"
  std::string unit;  // "attempts", "min", "$", "ratio", …
  CheckKind kind = CheckKind::kMean;
  double analytic = 0;   // the exact value, or the bound (kBound), or the recorded makespan (kTrace)
  double simulated = 0;  // the estimate (mean, rate, sample quantile) or the measured value
  double ci_lo = 0;      // 99% interval of `simulated` (= simulated when exact)
  double ci_hi = 0;
  std::size_t samples = 0;  // replications (or sample size) behind `simulated`
  bool passed = false;
  bool informational = false;  // checks nothing (shown as such; counts as passed)
  std::string rule;  // how pass/fail was decided, in words with the numbers
};

}  // namespace orchsim::sim
