#include "sim/validation/soak.h"

#include <algorithm>

#include <fmt/format.h>

#include "engine/check.h"
#include "engine/error.h"
#include "sim/experiment/parallel_for.h"
#include "sim/experiment/replication.h"
#include "sim/input/scenario_loader.h"
#include "sim/validation/invariant_checker.h"
#include "sim/validation/soak_scenario.h"

namespace orchsim::sim {

namespace {

// Counts the events the checker saw, for the report.
class CountingSink final : public EventSink {
 public:
  explicit CountingSink(EventSink& next) : next_(next) {}
  void on_event(const EngineEvent& event) override {
    ++count_;
    next_.on_event(event);
  }
  std::uint64_t count() const { return count_; }

 private:
  EventSink& next_;
  std::uint64_t count_ = 0;
};

std::string first_message(const InputError& e) {
  return e.diagnostics().empty() ? std::string(e.what()) : e.diagnostics().front().to_string();
}

// Slots per parallel batch: bounds memory for a million runs.
constexpr std::uint64_t kBatch = 1 << 14;
constexpr std::size_t kRefusalsKept = 5;

}  // namespace

namespace {

// One replication of a loaded scenario, checked; adds to `out`. False when it broke an invariant.
bool soak_replication(const ScenarioSpec& scenario, const models::Deployment& deployment, std::uint64_t seed,
                      std::uint32_t replication, SoakRun& out) {
  InvariantChecker checker(deployment);
  CountingSink counter(checker);
  ++out.simulated;
  std::optional<std::string> broken;
  try {
    const ReplicationResult result =
        run_replication(deployment, scenario.workload, scenario.world, seed, replication, &counter);
    checker.finish(result);
    if (checker.violation()) broken = *checker.violation();
  } catch (const InputError& e) {
    ++out.unbounded;
    if (out.message.empty()) out.message = first_message(e);
  } catch (const InvariantError& e) {
    broken = fmt::format("internal check: {}", e.what());
  } catch (const std::exception& e) {
    broken = fmt::format("exception: {}", e.what());
  }
  out.events += counter.count();
  if (!broken) return true;
  out.outcome = SoakRun::Outcome::kViolation;
  out.message = fmt::format("replication {}: {}", replication, *broken);
  return false;
}

}  // namespace

SoakRun soak_one(std::uint64_t seed, std::uint32_t replications) {
  SoakRun out;
  std::optional<ScenarioSpec> scenario;
  std::optional<models::Deployment> deployment;
  try {
    // One file name for every seed: names are interned for the process's life (models/task_location.h),
    // and a soak parses a million scenarios. A refusal names its seed instead.
    scenario = parse_scenario(soak_scenario_yaml(seed), "soak.yaml");
    Diagnostics diagnostics;
    const auto dag = scenario->workload.dag(diagnostics);
    if (dag) deployment = models::plan(scenario->workload, *dag, scenario->strategies.front(), scenario->catalog, scenario->world.pricing, diagnostics);
    diagnostics.throw_if_any();
  } catch (const InputError& e) {
    return {.outcome = SoakRun::Outcome::kRefused, .message = fmt::format("seed {}: {}", seed, first_message(e))};
  }
  for (std::uint32_t r = 0; r < replications; ++r) {
    if (!soak_replication(*scenario, *deployment, seed, r, out)) break;
  }
  return out;
}

SoakReport run_soak(const SoakOptions& options) {
  SoakReport report;
  for (std::uint64_t begin = 0; begin < options.runs; begin += kBatch) {
    const std::uint64_t n = std::min(kBatch, options.runs - begin);
    const std::vector<SoakRun> runs = parallel_map<SoakRun>(
        n, options.threads, [&](std::size_t i) { return soak_one(options.seed + begin + i, options.replications); });
    for (std::size_t i = 0; i < runs.size(); ++i) {
      const SoakRun& r = runs[i];
      ++report.runs;
      report.simulated += r.simulated;
      report.unbounded += r.unbounded;
      report.events += r.events;
      switch (r.outcome) {
        case SoakRun::Outcome::kOk: break;
        case SoakRun::Outcome::kRefused:
          ++report.refused;
          if (report.refusals.size() < kRefusalsKept) report.refusals.push_back(r.message);
          break;
        case SoakRun::Outcome::kViolation: report.violations.push_back({options.seed + begin + i, r.message}); break;
      }
    }
    if (options.progress) options.progress(begin + n, options.runs);
  }
  return report;
}

}  // namespace orchsim::sim
