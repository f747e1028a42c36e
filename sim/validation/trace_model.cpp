#include "sim/validation/trace_model.h"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <queue>
#include <tuple>

#include "engine/check.h"

namespace orchsim::sim {

TraceTimings::TraceTimings(const WfCommonsTrace& trace) {
  ORCHSIM_CHECK(trace.records.size() == trace.workload.tasks.size(), "a trace's records are not aligned with its tasks");
  std::map<std::string, std::size_t> machine_index;
  int all_cores = 0;
  for (const auto& m : trace.machines) {
    if (machine_index.emplace(m.name, machine_cores_.size()).second) machine_cores_.push_back(m.cores);
    all_cores += m.cores;
  }
  std::map<std::string, std::size_t> task_index;
  for (std::size_t i = 0; i < trace.workload.tasks.size(); ++i) task_index.emplace(trace.workload.tasks[i].key, i);
  tasks_.resize(trace.workload.tasks.size());
  std::optional<std::size_t> pool;  // for tasks whose machine is not recorded
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    const models::WorkloadTask& w = trace.workload.tasks[i];
    Task& t = tasks_[i];
    t.runtime_s = w.duration.to_seconds();
    t.cores = std::max(w.cores, 1);
    t.bytes = trace.records[i].input_bytes + trace.records[i].output_bytes;
    t.parents = w.depends_on.size();
    for (const models::Dependency& parent : w.depends_on) tasks_[task_index.at(std::string(parent.task))].children.push_back(i);
    const auto found = machine_index.find(trace.records[i].machine);
    if (found != machine_index.end()) {
      t.machine = found->second;
      continue;
    }
    if (!pool) {
      pool = machine_cores_.size();
      machine_cores_.push_back(all_cores > 0 ? all_cores : static_cast<int>(tasks_.size()));
    }
    t.machine = *pool;
  }
}

double TraceTimings::makespan_s(const TraceModel& model) const {
  enum Kind : int { kArrive = 0, kDone = 1 };
  using Event = std::tuple<double, int, std::size_t>;  // time, kind, task: ties go to arrivals, then file order
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::vector<std::size_t> waiting_parents(tasks_.size());
  for (std::size_t i = 0; i < tasks_.size(); ++i) waiting_parents[i] = tasks_[i].parents;
  std::vector<int> free_cores = machine_cores_;
  std::vector<std::deque<std::size_t>> queues(machine_cores_.size());
  double releaser_free = 0;
  const auto release = [&](double now, std::size_t i) {
    const double at = std::max(now, releaser_free);
    releaser_free = at + model.release_interval_s;
    events.emplace(releaser_free + model.latency_s, kArrive, i);
  };
  const auto need = [&](std::size_t i) { return std::min(tasks_[i].cores, machine_cores_[tasks_[i].machine]); };
  const auto start_waiting = [&](double now, std::size_t m) {
    while (!queues[m].empty() && free_cores[m] >= need(queues[m].front())) {
      const std::size_t i = queues[m].front();
      queues[m].pop_front();
      free_cores[m] -= need(i);
      const double staging = model.bandwidth_bps > 0 ? tasks_[i].bytes / model.bandwidth_bps : 0;
      events.emplace(now + staging + tasks_[i].runtime_s, kDone, i);
    }
  };
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    if (tasks_[i].parents == 0) release(0, i);
  }
  double makespan = 0;
  while (!events.empty()) {
    const auto [now, kind, i] = events.top();
    events.pop();
    const std::size_t m = tasks_[i].machine;
    if (kind == kArrive) {
      queues[m].push_back(i);
    } else {
      free_cores[m] += need(i);
      makespan = std::max(makespan, now);
      for (const std::size_t child : tasks_[i].children) {
        if (--waiting_parents[child] == 0) release(now, child);
      }
    }
    start_waiting(now, m);
  }
  return makespan;
}

double TraceTimings::fit_release_interval_s(TraceModel model, double target_s) const {
  model.release_interval_s = 0;
  if (makespan_s(model) >= target_s) return 0;
  // With an interval of target_s the first task alone arrives at target_s: too slow.
  double lo = 0, hi = target_s;
  while (hi - lo > 1e-3) {
    model.release_interval_s = (lo + hi) / 2;
    (makespan_s(model) < target_s ? lo : hi) = model.release_interval_s;
  }
  return (lo + hi) / 2;
}

}  // namespace orchsim::sim
