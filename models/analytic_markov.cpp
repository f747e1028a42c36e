#include "models/analytic_markov.h"

#include <cmath>

#include <Eigen/Dense>

#include "engine/check.h"

namespace orchsim::models::analytic {

AbsorbingChain::AbsorbingChain(std::size_t transient, std::size_t absorbing)
    : transient_(transient), absorbing_(absorbing), q_(transient * transient, 0.0),
      r_(transient * absorbing, 0.0), reward_(transient, 0.0) {
  ORCHSIM_CHECK(transient > 0 && absorbing > 0);
}

void AbsorbingChain::to_transient(std::size_t from, std::size_t to, double probability) {
  ORCHSIM_CHECK(from < transient_ && to < transient_ && probability >= 0 && probability <= 1);
  q_[from * transient_ + to] += probability;
}

void AbsorbingChain::to_absorbing(std::size_t from, std::size_t to, double probability) {
  ORCHSIM_CHECK(from < transient_ && to < absorbing_ && probability >= 0 && probability <= 1);
  r_[from * absorbing_ + to] += probability;
}

void AbsorbingChain::reward(std::size_t state, double value) {
  ORCHSIM_CHECK(state < transient_);
  reward_[state] = value;
}

Absorption AbsorbingChain::solve() const {
  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const auto t = static_cast<Eigen::Index>(transient_);
  const auto a = static_cast<Eigen::Index>(absorbing_);
  const Eigen::Map<const Matrix> q(q_.data(), t, t);
  const Eigen::Map<const Matrix> r(r_.data(), t, a);
  for (Eigen::Index i = 0; i < t; ++i) {
    const double row = q.row(i).sum() + r.row(i).sum();
    ORCHSIM_CHECK(std::fabs(row - 1) <= 1e-12, "row {} of [Q R] sums to {}, not 1", i, row);
  }
  const Matrix i_minus_q = Matrix::Identity(t, t) - q;
  const Eigen::FullPivLU<Matrix> lu(i_minus_q);
  ORCHSIM_CHECK(lu.isInvertible(), "I − Q is singular: some state is never absorbed");
  const Matrix n = lu.inverse();
  const Eigen::VectorXd steps = n * Eigen::VectorXd::Ones(t);
  const Matrix b = n * r;
  const Eigen::VectorXd rewards = n * Eigen::Map<const Eigen::VectorXd>(reward_.data(), t);

  Absorption out{.transient = transient_, .absorbing = absorbing_};
  out.fundamental.assign(n.data(), n.data() + n.size());
  out.expected_steps.assign(steps.data(), steps.data() + steps.size());
  out.absorption.assign(b.data(), b.data() + b.size());
  out.expected_reward.assign(rewards.data(), rewards.data() + rewards.size());
  return out;
}

AbsorbingChain pipeline_chain(const PipelineModel& model) {
  ORCHSIM_CHECK(model.tasks >= 1 && model.success > 0 && model.success <= 1);
  const auto m = static_cast<std::size_t>(model.tasks);
  const double s = model.success;
  const double f = 1 - s;
  const bool bounded = model.retries.has_value();
  // Bounded: one copy of the pipeline's states per attempt number (retry task) or per job run
  // (restart), so that the chain remembers how many retries are left.
  const std::size_t copies = bounded ? std::size_t{*model.retries} + 1 : 1;
  AbsorbingChain chain(m * copies, 2);
  constexpr std::size_t kSucceeded = 0, kFailed = 1;
  for (std::size_t copy = 0; copy < copies; ++copy) {
    for (std::size_t task = 0; task < m; ++task) {
      const bool retry_task = model.recovery == Recovery::kRetryTask;
      // Retry task: state (task, attempt) at task·copies + attempt. Restart: (run, task) at run·m + task.
      const std::size_t here = retry_task ? task * copies + copy : copy * m + task;
      chain.reward(here, s * model.success_cost + f * model.failure_cost);
      if (task + 1 < m) {
        chain.to_transient(here, retry_task ? (task + 1) * copies : copy * m + task + 1, s);
      } else {
        chain.to_absorbing(here, kSucceeded, s);
      }
      if (!bounded) {
        chain.to_transient(here, retry_task ? here : 0, f);
      } else if (copy + 1 < copies) {
        chain.to_transient(here, retry_task ? here + 1 : (copy + 1) * m, f);
      } else {
        chain.to_absorbing(here, kFailed, f);
      }
    }
  }
  return chain;
}

PipelineExpectation expect(const PipelineModel& model) {
  const Absorption solved = pipeline_chain(model).solve();
  return {.executions = solved.expected_steps[0], .cost = solved.expected_reward[0],
          .success_probability = solved.probability(0, 0)};
}

}  // namespace orchsim::models::analytic
