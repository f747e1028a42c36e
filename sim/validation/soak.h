// The invariant soak (`orchsim soak`): many random scenarios (sim/validation/soak_scenario.h), each
// loaded by the real scenario loader, planned, and simulated `replications` times (each a different
// draw of its random faults) with an InvariantChecker (sim/validation/invariant_checker.h) watching
// every event. Run i uses seed `seed + i`, so a violation is replayed alone with
// `--seed <that seed> --runs 1`; parsing a scenario costs more than simulating it, hence several
// replications per scenario. A scenario the
// loader refuses, or a run the simulator stops as unbounded (the horizon or the work limit: a
// retry-forever task that never succeeds is bad input, not a bug), is counted, not a violation; an
// internal check (InvariantError) or a broken invariant is. Runs on the one thread pool; the
// report does not depend on the thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace orchsim::sim {

struct SoakOptions {
  std::uint64_t runs = 1000;
  std::uint64_t seed = 1;
  std::uint32_t replications = 4;  // simulated runs per scenario
  unsigned threads = 0;            // 0: all cores
  std::function<void(std::size_t done, std::size_t total)> progress;
};

struct SoakViolation {
  std::uint64_t seed;   // reproduces it with runs = 1
  std::string message;  // the invariant, when and what was seen
};

struct SoakReport {
  std::uint64_t runs = 0;        // scenarios
  std::uint64_t simulated = 0;   // replications simulated and checked
  std::uint64_t events = 0;     // engine events checked
  std::uint64_t refused = 0;    // scenarios the loader or planner refused (a generator bug if not 0)
  std::uint64_t unbounded = 0;  // replications stopped at the horizon or the work limit
  std::vector<std::string> refusals;       // the first few refusal messages, for fixing the generator
  std::vector<SoakViolation> violations;   // in seed order
};

SoakReport run_soak(const SoakOptions& options);

// One run of the soak: what happened to seed `seed`'s scenario. `message`: the first violation,
// else the refusal or the first unbounded replication's message.
struct SoakRun {
  enum class Outcome : std::uint8_t { kOk, kRefused, kViolation };
  Outcome outcome = Outcome::kOk;
  std::uint32_t simulated = 0;
  std::uint32_t unbounded = 0;
  std::uint64_t events = 0;
  std::string message;
};
SoakRun soak_one(std::uint64_t seed, std::uint32_t replications);

}  // namespace orchsim::sim
