#include "sim/experiment/attempt_log.h"

#include <algorithm>

#include "engine/check.h"

namespace orchsim::sim {

void AttemptLog::start(AttemptId attempt, RunId run, TaskId task, ComputeId compute, std::uint32_t unit,
                       std::uint32_t number, SimTime at) {
  ORCHSIM_CHECK(attempt.index() == size(), "attempt {} started after {} attempts", attempt, size());
  const auto id = static_cast<std::uint32_t>(size());
  std::int64_t micros = blocks_.empty() ? -1 : (at - blocks_.back().base).micros();
  ORCHSIM_CHECK(blocks_.empty() || micros >= 0, "attempt {} started before attempt {}", attempt, id - 1);
  if (blocks_.empty() || micros > std::int64_t{UINT32_MAX} || id - blocks_.back().first >= kBlock) {
    blocks_.push_back({id, at});
    micros = 0;
  }
  started_.push_back(static_cast<std::uint32_t>(micros));
  running_.push_back(kNotYet);
  finished_.push_back(kNotYet);
  runs_.push_back(run.value());
  tasks_.push_back(task.value());
  ORCHSIM_CHECK(compute == this->compute(id), "attempt {} on compute {}, its task's is {}", attempt, compute,
                this->compute(id));
  results_.push_back(0);
  if (unit != 0 || number != 1) unusual_.push_back({attempt.value(), unit, number});
}

void AttemptLog::running(AttemptId attempt, SimTime at) {
  running_[attempt.index()] = offset(attempt.value(), at, kRunning);
}

void AttemptLog::finished(AttemptId attempt, SimTime at, AttemptResult result) {
  finished_[attempt.index()] = offset(attempt.value(), at, kFinished);
  results_[attempt.index()] = result.succeeded ? 0 : static_cast<std::uint8_t>(1 + static_cast<unsigned>(result.failure));
}

void AttemptLog::set_job(RunId run, JobId job) {
  if (run_jobs_.size() <= run.index()) run_jobs_.resize(run.index() + 1);
  run_jobs_[run.index()] = job;
}

SimTime AttemptLog::started(std::uint32_t id) const {
  const auto block = std::upper_bound(blocks_.begin(), blocks_.end(), id,
                                      [](std::uint32_t attempt, const Block& b) { return attempt < b.first; });
  return (block - 1)->base + Duration::micros(started_[id]);
}

std::uint32_t AttemptLog::unit(std::uint32_t id) const {
  const Unusual* u = unusual(id);
  return u != nullptr ? u->unit : 0;
}

std::uint32_t AttemptLog::number(std::uint32_t id) const {
  const Unusual* u = unusual(id);
  return u != nullptr ? u->number : 1;
}

std::uint32_t AttemptLog::offset(std::uint32_t id, SimTime at, Which which) {
  const std::int64_t micros = (at - started(id)).micros();
  if (micros >= 0 && micros < kLong) return static_cast<std::uint32_t>(micros);
  long_times_[std::uint64_t{id} << 1 | which] = at;
  return kLong;
}

std::optional<SimTime> AttemptLog::after_start(std::uint32_t id, std::uint32_t offset, Which which) const {
  if (offset == kNotYet) return std::nullopt;
  if (offset == kLong) return long_times_.at(std::uint64_t{id} << 1 | which);
  return started(id) + Duration::micros(offset);
}

const AttemptLog::Unusual* AttemptLog::unusual(std::uint32_t id) const {
  const auto it = std::lower_bound(unusual_.begin(), unusual_.end(), id,
                                   [](const Unusual& u, std::uint32_t attempt) { return u.attempt < attempt; });
  return it != unusual_.end() && it->attempt == id ? &*it : nullptr;
}

}  // namespace orchsim::sim
