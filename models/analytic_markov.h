// AbsorbingChain: a discrete-time Markov chain with transient and absorbing states,
// P = [[Q, R], [0, I]], solved exactly with Eigen (in the .cpp): the fundamental matrix
// N = (I − Q)^{-1}, expected steps to absorption t = N·1, absorption probabilities B = N·R, and the
// expected total reward N·r for a per-visit reward r (e.g. the cost of one execution).
//
// pipeline_chain builds the chain of docs/model.md §13's "retry the failed task" vs "restart the whole
// job" question for a linear pipeline; `orchsim validate` compares it with the simulator running
// the matching deployments, and reports may call it. Value types, no thread affinity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace orchsim::models::analytic {

struct Absorption {
  std::size_t transient = 0;
  std::size_t absorbing = 0;
  std::vector<double> fundamental;      // N, transient × transient, row-major
  std::vector<double> expected_steps;   // t = N·1, per starting transient state
  std::vector<double> absorption;       // B = N·R, transient × absorbing, row-major
  std::vector<double> expected_reward;  // N·r, per starting transient state

  double probability(std::size_t from, std::size_t absorbing_state) const {
    return absorption[from * absorbing + absorbing_state];
  }
};

class AbsorbingChain {
 public:
  AbsorbingChain(std::size_t transient, std::size_t absorbing);

  // One-step probability from transient state `from` to transient `to` (Q) or absorbing `to` (R).
  void to_transient(std::size_t from, std::size_t to, double probability);
  void to_absorbing(std::size_t from, std::size_t to, double probability);
  // Reward earned on each visit to transient state `state`.
  void reward(std::size_t state, double value);

  std::size_t transient() const { return transient_; }
  std::size_t absorbing() const { return absorbing_; }

  // Solves the chain. Every row of [Q R] must sum to 1 (within 1e-12) and absorption must be
  // certain from every state (I − Q invertible); a violation is a bug in the caller (ORCHSIM_CHECK).
  Absorption solve() const;

 private:
  std::size_t transient_;
  std::size_t absorbing_;
  std::vector<double> q_;  // row-major
  std::vector<double> r_;  // row-major
  std::vector<double> reward_;
};

// A linear pipeline of `tasks` tasks; each execution of a task succeeds with `success` (0 < s <= 1)
// independently, costing `success_cost` when it succeeds and `failure_cost` (its expected cost)
// when it fails.
enum class Recovery : std::uint8_t {
  kRetryTask,   // a failed task is retried in place, at most `retries` times per task
  kRestartJob,  // a failure restarts the whole pipeline from its first task, at most `retries` times
};
struct PipelineModel {
  int tasks = 1;
  double success = 1;
  Recovery recovery = Recovery::kRetryTask;
  std::optional<std::uint32_t> retries;  // nullopt: without limit (absorption in "succeeded" is then certain)
  double success_cost = 1;
  double failure_cost = 1;
};

// Absorbing state 0 is "succeeded", 1 is "failed"; transient state 0 is the first execution of the
// first task. Each transient state is one execution (so expected steps = expected executions).
AbsorbingChain pipeline_chain(const PipelineModel& model);

struct PipelineExpectation {
  double executions = 0;
  double cost = 0;
  double success_probability = 0;
};
PipelineExpectation expect(const PipelineModel& model);

}  // namespace orchsim::models::analytic
