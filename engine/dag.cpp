#include "engine/dag.h"

#include <algorithm>

#include <fmt/format.h>

namespace orchsim {

namespace {

// Finds one cycle among the tasks Kahn's algorithm could not order, by walking upstream edges
// from one of them until a task repeats. Returns the path in dependency order, first task repeated
// at the end: "a -> b -> a" means b depends on a and a depends on b.
std::vector<TaskId> find_cycle(const std::vector<std::vector<TaskId>>& upstream,
                               const std::vector<std::uint32_t>& unresolved) {
  TaskId start;
  for (std::size_t i = 0; i < unresolved.size(); ++i) {
    if (unresolved[i] > 0) { start = TaskId(static_cast<std::uint32_t>(i)); break; }
  }
  std::vector<int> seen_at(unresolved.size(), -1);
  std::vector<TaskId> walk;
  TaskId current = start;
  while (seen_at[current.index()] < 0) {
    seen_at[current.index()] = static_cast<int>(walk.size());
    walk.push_back(current);
    // Follow an upstream task that is itself still on a cycle or feeding one.
    for (TaskId up : upstream[current.index()]) {
      if (unresolved[up.index()] > 0) { current = up; break; }
    }
  }
  std::vector<TaskId> cycle(walk.begin() + seen_at[current.index()], walk.end());
  std::reverse(cycle.begin(), cycle.end());  // walked upstream; print downstream
  // Start at the smallest id so the message does not depend on where the walk began.
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  cycle.push_back(cycle.front());
  return cycle;
}

}  // namespace

std::optional<Dag> Dag::build(const std::vector<TaskDecl>& tasks, Diagnostics& diagnostics,
                              std::string_view what) {
  const std::size_t errors_before = diagnostics.items().size();
  Dag dag;
  dag.keys_.reserve(tasks.size());
  for (const auto& t : tasks) dag.keys_.push_back(t.key);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const TaskId id(static_cast<std::uint32_t>(i));
    if (tasks[i].key.empty()) {
      diagnostics.error(tasks[i].where, fmt::format("{}: task {} has an empty task_key", what, i + 1));
      continue;
    }
    auto [it, inserted] = dag.by_key_.emplace(dag.keys_[i], id);
    if (!inserted) {
      const auto& first = tasks[it->second.index()].where;
      diagnostics.error(tasks[i].where,
                        fmt::format("{}: duplicate task_key '{}' (first defined at line {})", what,
                                    tasks[i].key, first.line));
    }
  }

  std::vector<std::vector<TaskId>> upstream(tasks.size());
  std::vector<std::vector<EdgeGate>> gates(tasks.size());
  std::vector<std::uint32_t> down_count(tasks.size(), 0);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    const auto& deps = tasks[i].depends_on;
    for (std::size_t d = 0; d < deps.size(); ++d) {
      const SourceLocation& where =
          d < tasks[i].depends_where.size() ? tasks[i].depends_where[d] : tasks[i].where;
      auto it = dag.by_key_.find(deps[d]);
      if (it == dag.by_key_.end()) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on unknown task '{}'", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      if (it->second.index() == i) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on itself", what, tasks[i].key));
        continue;
      }
      auto& ups = upstream[i];
      if (std::find(ups.begin(), ups.end(), it->second) != ups.end()) {
        diagnostics.error(where, fmt::format("{}: task '{}' lists dependency '{}' twice", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      ups.push_back(it->second);
      gates[i].push_back(d < tasks[i].depends_outcome.size() ? tasks[i].depends_outcome[d] : EdgeGate::kNone);
      ++down_count[it->second.index()];
    }
  }
  if (diagnostics.items().size() != errors_before) return std::nullopt;

  // CSR arrays.
  const std::size_t n = tasks.size();
  dag.up_offsets_.assign(n + 1, 0);
  dag.down_offsets_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    dag.up_offsets_[i + 1] = dag.up_offsets_[i] + static_cast<std::uint32_t>(upstream[i].size());
    dag.down_offsets_[i + 1] = dag.down_offsets_[i] + down_count[i];
  }
  dag.up_.reserve(dag.up_offsets_[n]);
  dag.up_gate_.reserve(dag.up_offsets_[n]);
  dag.down_.resize(dag.down_offsets_[n]);
  dag.down_gate_.resize(dag.down_offsets_[n]);
  std::vector<std::uint32_t> fill(dag.down_offsets_.begin(), dag.down_offsets_.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < upstream[i].size(); ++k) {
      const TaskId up = upstream[i][k];
      dag.up_.push_back(up);
      dag.up_gate_.push_back(gates[i][k]);
      dag.down_gate_[fill[up.index()]] = gates[i][k];
      dag.down_[fill[up.index()]++] = TaskId(static_cast<std::uint32_t>(i));
    }
  }

  // Kahn's algorithm; ready tasks in id order so the order is deterministic.
  std::vector<std::uint32_t> unresolved(n);
  std::vector<TaskId> ready;
  for (std::size_t i = 0; i < n; ++i) {
    unresolved[i] = static_cast<std::uint32_t>(upstream[i].size());
    if (unresolved[i] == 0) ready.push_back(TaskId(static_cast<std::uint32_t>(i)));
  }
  dag.topo_.reserve(n);
  for (std::size_t head = 0; head < ready.size(); ++head) {
    const TaskId t = ready[head];
    dag.topo_.push_back(t);
    for (TaskId d : dag.downstream(t)) {
      if (--unresolved[d.index()] == 0) ready.push_back(d);
    }
  }
  if (dag.topo_.size() != n) {
    std::vector<TaskId> cycle = find_cycle(upstream, unresolved);
    std::string path;
    for (TaskId t : cycle) path += (path.empty() ? "" : " -> ") + dag.keys_[t.index()];
    diagnostics.error(tasks[cycle.front().index()].where,
                      fmt::format("{}: dependency cycle: {}", what, path));
    return std::nullopt;
  }
  return dag;
}

std::optional<TaskId> Dag::find(std::string_view key) const {
  auto it = by_key_.find(std::string(key));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

}  // namespace orchsim
