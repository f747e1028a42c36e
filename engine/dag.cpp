#include "engine/dag.h"

#include <algorithm>
#include <bit>
#include <functional>

#include <fmt/format.h>

#include "engine/check.h"

namespace orchsim {

void TaskKeys::reserve(std::size_t keys, std::size_t chars) {
  end_.reserve(keys);
  chars_.reserve(chars);
}

void TaskKeys::add(std::string_view key) {
  ORCHSIM_CHECK(chars_.size() + key.size() <= UINT32_MAX, "task keys exceed 4 GiB");
  chars_.append(key);
  end_.push_back(static_cast<std::uint32_t>(chars_.size()));
}

std::optional<TaskId> Dag::index_key(TaskId t) {
  if (key_index_.empty()) key_index_.assign(std::bit_ceil(2 * keys_.size()), TaskId::invalid());
  const std::size_t mask = key_index_.size() - 1;
  const std::string_view k = keys_[t.index()];
  for (std::size_t s = std::hash<std::string_view>{}(k) & mask;; s = (s + 1) & mask) {
    if (!key_index_[s].valid()) {
      key_index_[s] = t;
      return std::nullopt;
    }
    if (keys_[key_index_[s].index()] == k) return key_index_[s];
  }
}

std::optional<TaskId> Dag::find(std::string_view key) const {
  if (key_index_.empty()) return std::nullopt;
  const std::size_t mask = key_index_.size() - 1;
  for (std::size_t s = std::hash<std::string_view>{}(key) & mask; key_index_[s].valid(); s = (s + 1) & mask) {
    if (keys_[key_index_[s].index()] == key) return key_index_[s];
  }
  return std::nullopt;
}

std::vector<TaskId> Dag::link() {
  const std::size_t n = size();
  down_offsets_.assign(n + 1, 0);
  for (TaskId up : up_) ++down_offsets_[up.index() + 1];
  for (std::size_t i = 0; i < n; ++i) down_offsets_[i + 1] += down_offsets_[i];
  down_.resize(up_.size());
  down_gate_.resize(up_.size());
  std::vector<std::uint32_t> fill(down_offsets_.begin(), down_offsets_.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t e = up_offsets_[i]; e < up_offsets_[i + 1]; ++e) {
      const std::uint32_t slot = fill[up_[e].index()]++;
      down_[slot] = TaskId(static_cast<std::uint32_t>(i));
      down_gate_[slot] = up_gate_[e];
    }
  }

  // Kahn's algorithm, topo_ doubling as its queue; ready tasks in id order so the order is
  // deterministic. `fill` is reused as the count of unresolved upstream tasks.
  std::vector<std::uint32_t>& unresolved = fill;
  topo_.clear();
  topo_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    unresolved[i] = up_offsets_[i + 1] - up_offsets_[i];
    if (unresolved[i] == 0) topo_.push_back(TaskId(static_cast<std::uint32_t>(i)));
  }
  for (std::size_t head = 0; head < topo_.size(); ++head) {
    for (TaskId d : downstream(topo_[head])) {
      if (--unresolved[d.index()] == 0) topo_.push_back(d);
    }
  }
  if (topo_.size() == n) return {};

  // Find one cycle among the tasks left unordered by walking upstream edges from one of them until
  // a task repeats. The path is in dependency order, first task repeated at the end: "a -> b -> a"
  // means b depends on a and a depends on b.
  const auto start = static_cast<std::uint32_t>(
      std::find_if(unresolved.begin(), unresolved.end(), [](std::uint32_t u) { return u > 0; }) - unresolved.begin());
  std::vector<int> seen_at(n, -1);
  std::vector<TaskId> walk;
  TaskId current(start);
  while (seen_at[current.index()] < 0) {
    seen_at[current.index()] = static_cast<int>(walk.size());
    walk.push_back(current);
    // Follow an upstream task that is itself still on a cycle or feeding one.
    for (TaskId up : upstream(current)) {
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

std::string Dag::cycle_path(const std::vector<TaskId>& cycle) const {
  std::string path;
  for (TaskId t : cycle) {
    if (!path.empty()) path += " -> ";
    path += key(t);
  }
  return path;
}

std::optional<Dag> Dag::build(const std::vector<TaskDecl>& tasks, Diagnostics& diagnostics,
                              std::string_view what) {
  const std::size_t errors_before = diagnostics.items().size();
  const std::size_t n = tasks.size();
  Dag dag;
  std::size_t chars = 0;
  for (const auto& t : tasks) chars += t.key.size();
  dag.keys_.reserve(n, chars);
  for (const auto& t : tasks) dag.keys_.add(t.key);
  for (std::size_t i = 0; i < n; ++i) {
    if (tasks[i].key.empty()) {
      diagnostics.error(tasks[i].where, fmt::format("{}: task {} has an empty task_key", what, i + 1));
      continue;
    }
    if (const auto first = dag.index_key(TaskId(static_cast<std::uint32_t>(i)))) {
      diagnostics.error(tasks[i].where, fmt::format("{}: duplicate task_key '{}' (first defined at line {})", what,
                                                    tasks[i].key, tasks[first->index()].where.line));
    }
  }

  // Upstream CSR, in declaration order. listed_by[u] == i marks u as already listed by task i.
  std::vector<std::uint32_t> listed_by(n, UINT32_MAX);
  dag.up_offsets_.reserve(n + 1);
  dag.up_offsets_.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& deps = tasks[i].depends_on;
    for (std::size_t d = 0; d < deps.size(); ++d) {
      const SourceLocation& where =
          d < tasks[i].depends_where.size() ? tasks[i].depends_where[d] : tasks[i].where;
      const std::optional<TaskId> up = dag.find(deps[d]);
      if (!up) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on unknown task '{}'", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      if (up->index() == i) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on itself", what, tasks[i].key));
        continue;
      }
      if (listed_by[up->index()] == i) {
        diagnostics.error(where, fmt::format("{}: task '{}' lists dependency '{}' twice", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      listed_by[up->index()] = static_cast<std::uint32_t>(i);
      dag.up_.push_back(*up);
      dag.up_gate_.push_back(d < tasks[i].depends_outcome.size() ? tasks[i].depends_outcome[d] : EdgeGate::kNone);
    }
    dag.up_offsets_.push_back(static_cast<std::uint32_t>(dag.up_.size()));
  }
  if (diagnostics.items().size() != errors_before) return std::nullopt;

  const std::vector<TaskId> cycle = dag.link();
  if (!cycle.empty()) {
    diagnostics.error(tasks[cycle.front().index()].where,
                      fmt::format("{}: dependency cycle: {}", what, dag.cycle_path(cycle)));
    return std::nullopt;
  }
  return dag;
}

std::optional<Dag> Dag::from_edges(TaskKeys keys, std::span<const std::uint32_t> upstream_begin,
                                   std::span<const std::uint32_t> upstream, Diagnostics& diagnostics,
                                   std::string_view what) {
  const std::size_t errors_before = diagnostics.items().size();
  const std::size_t n = keys.size();
  const SourceLocation nowhere;
  if (upstream_begin.size() != n + 1 || upstream_begin.front() != 0 || upstream_begin.back() != upstream.size()) {
    diagnostics.error(nowhere, fmt::format("{}: {} edge offsets for {} tasks and {} edges", what,
                                           upstream_begin.size(), n, upstream.size()));
    return std::nullopt;
  }
  Dag dag;
  dag.keys_ = std::move(keys);
  for (std::size_t i = 0; i < n; ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    if (dag.key(t).empty()) {
      diagnostics.error(nowhere, fmt::format("{}: task {} has an empty task_key", what, i + 1));
    } else if (const auto first = dag.index_key(t)) {
      diagnostics.error(nowhere, fmt::format("{}: duplicate task_key '{}' (tasks {} and {})", what, dag.key(t),
                                             first->value() + 1, i + 1));
    }
  }
  std::vector<std::uint32_t> listed_by(n, UINT32_MAX);
  for (std::size_t i = 0; i < n; ++i) {
    const std::string_view key = dag.keys_[i];
    if (upstream_begin[i] > upstream_begin[i + 1]) {
      diagnostics.error(nowhere, fmt::format("{}: task '{}' has decreasing edge offsets", what, key));
      continue;
    }
    for (std::uint32_t e = upstream_begin[i]; e < upstream_begin[i + 1]; ++e) {
      const std::uint32_t up = upstream[e];
      if (up >= n) {
        diagnostics.error(nowhere, fmt::format("{}: task '{}' depends on unknown task {}", what, key, up));
      } else if (up == i) {
        diagnostics.error(nowhere, fmt::format("{}: task '{}' depends on itself", what, key));
      } else if (listed_by[up] == i) {
        diagnostics.error(nowhere, fmt::format("{}: task '{}' lists dependency '{}' twice", what, key, dag.keys_[up]));
      } else {
        listed_by[up] = static_cast<std::uint32_t>(i);
      }
    }
  }
  if (diagnostics.items().size() != errors_before) return std::nullopt;
  std::vector<std::uint32_t>().swap(listed_by);  // freed before linking: lowers a big graph's peak

  dag.up_offsets_.assign(upstream_begin.begin(), upstream_begin.end());
  dag.up_.reserve(upstream.size());
  for (std::uint32_t up : upstream) dag.up_.push_back(TaskId(up));
  dag.up_gate_.assign(upstream.size(), EdgeGate::kNone);
  const std::vector<TaskId> cycle = dag.link();
  if (!cycle.empty()) {
    diagnostics.error(nowhere, fmt::format("{}: dependency cycle: {}", what, dag.cycle_path(cycle)));
    return std::nullopt;
  }
  return dag;
}

}  // namespace orchsim
