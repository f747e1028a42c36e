#include "engine/dag.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <memory>
#include <new>

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

Dag::Block* Dag::allocate(const TaskKeys& keys, std::uint32_t edges) {
  const auto n = static_cast<std::uint32_t>(keys.size());
  const auto key_slots = static_cast<std::uint32_t>(std::bit_ceil(2 * keys.size()));
  const std::size_t words = word_count(n, key_slots, edges);
  const std::size_t bytes = sizeof(Block) + words * sizeof(TaskId) + 2 * std::size_t{edges} + keys.chars_.size();
  static_assert(alignof(Block) >= alignof(TaskId) && sizeof(Block) % alignof(TaskId) == 0);
  auto* block = new (::operator new(bytes)) Block{.refs = {1}, .size = n, .key_slots = key_slots, .edges = edges};
  auto* ids = reinterpret_cast<TaskId*>(block + 1);
  std::uninitialized_fill_n(ids, words, TaskId::invalid());
  auto* gates = reinterpret_cast<EdgeGate*>(ids + words);
  std::uninitialized_fill_n(gates, 2 * std::size_t{edges}, EdgeGate::kNone);
  std::uninitialized_copy(keys.chars_.begin(), keys.chars_.end(), reinterpret_cast<char*>(gates + 2 * std::size_t{edges}));
  for (std::size_t i = 0; i < n; ++i) ids[i] = TaskId(keys.end_[i]);
  return block;
}

void Dag::release() noexcept {
  if (block_ != nullptr && block_->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) ::operator delete(block_);
  block_ = nullptr;
}

std::size_t Dag::storage_bytes() const {
  if (block_ == nullptr || size_ != block_->size) return 0;  // no tasks, or a view of one task
  return sizeof(Block) + word_count() * sizeof(TaskId) + 2 * std::size_t{block_->edges} +
         words()[block_->size - 1].value();
}

void Dag::set_keys(const TaskKeys& keys, std::uint32_t edges) {
  ORCHSIM_CHECK(block_ == nullptr, "a Dag's keys are set once");
  if (keys.size() == 0) return;
  block_ = allocate(keys, edges);
  size_ = block_->size;
}

std::optional<TaskId> Dag::index_key(TaskId t) {
  const std::size_t mask = block_->key_slots - 1;
  const std::string_view k = block_key(t.value());
  TaskId* slots = words() + key_index_at();
  for (std::size_t s = std::hash<std::string_view>{}(k) & mask;; s = (s + 1) & mask) {
    if (!slots[s].valid()) {
      slots[s] = t;
      return std::nullopt;
    }
    if (block_key(slots[s].value()) == k) return slots[s];
  }
}

std::optional<TaskId> Dag::find(std::string_view key) const {
  if (block_ == nullptr) return std::nullopt;
  const TaskId* slots = words() + key_index_at();
  const std::size_t mask = block_->key_slots - 1;
  for (std::size_t s = std::hash<std::string_view>{}(key) & mask; slots[s].valid(); s = (s + 1) & mask) {
    if (block_key(slots[s].value()) != key) continue;
    // The block's task; ours when it is among those this Dag reads (a view: its one task).
    const std::uint32_t ours = slots[s].value() - first_;
    if (ours < size_) return TaskId(ours);
    return std::nullopt;
  }
  return std::nullopt;
}

std::vector<TaskId> Dag::link(std::span<const std::uint32_t> up_offsets, std::span<const std::uint32_t> up,
                              std::span<const EdgeGate> up_gates) {
  const std::size_t n = size();
  if (n == 0) return {};
  ORCHSIM_CHECK(up.size() == block_->edges, "{} edges in a block for {}", up.size(), block_->edges);
  TaskId* ix = words();
  for (std::size_t i = 0; i <= n; ++i) ix[up_offsets_at() + i] = TaskId(up_offsets[i]);
  for (std::size_t e = 0; e < up.size(); ++e) ix[up_at() + e] = TaskId(up[e]);
  EdgeGate* gates = gate_array();
  std::copy(up_gates.begin(), up_gates.end(), gates);

  std::vector<std::uint32_t> down_offsets(n + 1, 0);
  for (std::uint32_t u : up) ++down_offsets[u + 1];
  for (std::size_t i = 0; i < n; ++i) down_offsets[i + 1] += down_offsets[i];
  for (std::size_t i = 0; i <= n; ++i) ix[down_offsets_at() + i] = TaskId(down_offsets[i]);
  std::vector<std::uint32_t> fill(down_offsets.begin(), down_offsets.end() - 1);
  std::vector<std::uint32_t>().swap(down_offsets);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t e = up_offsets[i]; e < up_offsets[i + 1]; ++e) {
      const std::uint32_t slot = fill[up[e]]++;
      ix[down_at() + slot] = TaskId(static_cast<std::uint32_t>(i));
      gates[up.size() + slot] = gates[e];
    }
  }

  // Kahn's algorithm, the topological order doubling as its queue; ready tasks in id order so the
  // order is deterministic. `fill` is reused as the count of unresolved upstream tasks.
  std::vector<std::uint32_t>& unresolved = fill;
  TaskId* topo = ix + topo_at();
  std::size_t ordered = 0;
  for (std::size_t i = 0; i < n; ++i) {
    unresolved[i] = up_offsets[i + 1] - up_offsets[i];
    if (unresolved[i] == 0) topo[ordered++] = TaskId(static_cast<std::uint32_t>(i));
  }
  for (std::size_t head = 0; head < ordered; ++head) {
    for (TaskId d : downstream(topo[head])) {
      if (--unresolved[d.index()] == 0) topo[ordered++] = d;
    }
  }
  if (ordered == n) return {};

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
    for (TaskId u : upstream(current)) {
      if (unresolved[u.index()] > 0) { current = u; break; }
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
  std::size_t chars = 0;
  for (const auto& t : tasks) chars += t.key.size();
  TaskKeys keys;
  keys.reserve(n, chars);
  for (const auto& t : tasks) keys.add(t.key);
  // The keys alone first, to resolve the names against; the graph's own block follows, with room
  // for the edges found.
  Dag named;
  named.set_keys(keys, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (tasks[i].key.empty()) {
      diagnostics.error(tasks[i].where, fmt::format("{}: task {} has an empty task_key", what, i + 1));
      continue;
    }
    if (const auto first = named.index_key(TaskId(static_cast<std::uint32_t>(i)))) {
      diagnostics.error(tasks[i].where, fmt::format("{}: duplicate task_key '{}' (first defined at line {})", what,
                                                    tasks[i].key, tasks[first->index()].where.line));
    }
  }

  // Upstream CSR, in declaration order. listed_by[u] == i marks u as already listed by task i.
  std::vector<std::uint32_t> listed_by(n, UINT32_MAX);
  std::vector<std::uint32_t> up_offsets, up;
  std::vector<EdgeGate> up_gates;
  up_offsets.reserve(n + 1);
  up_offsets.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& deps = tasks[i].depends_on;
    for (std::size_t d = 0; d < deps.size(); ++d) {
      const SourceLocation& where =
          d < tasks[i].depends_where.size() ? tasks[i].depends_where[d] : tasks[i].where;
      const std::optional<TaskId> found = named.find(deps[d]);
      if (!found) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on unknown task '{}'", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      if (found->index() == i) {
        diagnostics.error(where, fmt::format("{}: task '{}' depends on itself", what, tasks[i].key));
        continue;
      }
      if (listed_by[found->index()] == i) {
        diagnostics.error(where, fmt::format("{}: task '{}' lists dependency '{}' twice", what,
                                             tasks[i].key, deps[d]));
        continue;
      }
      listed_by[found->index()] = static_cast<std::uint32_t>(i);
      up.push_back(found->value());
      up_gates.push_back(d < tasks[i].depends_outcome.size() ? tasks[i].depends_outcome[d] : EdgeGate::kNone);
    }
    up_offsets.push_back(static_cast<std::uint32_t>(up.size()));
  }
  if (diagnostics.items().size() != errors_before) return std::nullopt;

  Dag dag;
  dag.set_keys(keys, static_cast<std::uint32_t>(up.size()));
  if (n > 0) std::copy_n(named.words() + named.key_index_at(), named.block_->key_slots, dag.words() + dag.key_index_at());
  const std::vector<TaskId> cycle = dag.link(up_offsets, up, up_gates);
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
  dag.set_keys(keys, static_cast<std::uint32_t>(upstream.size()));
  keys = TaskKeys();  // copied into the block: freed now lowers a big graph's peak
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
    const std::string_view key = dag.key(TaskId(static_cast<std::uint32_t>(i)));
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
        diagnostics.error(nowhere, fmt::format("{}: task '{}' lists dependency '{}' twice", what, key, dag.key(TaskId(up))));
      } else {
        listed_by[up] = static_cast<std::uint32_t>(i);
      }
    }
  }
  if (diagnostics.items().size() != errors_before) return std::nullopt;
  std::vector<std::uint32_t>().swap(listed_by);  // freed before linking: lowers a big graph's peak

  const std::vector<TaskId> cycle = dag.link(upstream_begin, upstream, {});
  if (!cycle.empty()) {
    diagnostics.error(nowhere, fmt::format("{}: dependency cycle: {}", what, dag.cycle_path(cycle)));
    return std::nullopt;
  }
  return dag;
}

Dag Dag::subgraph(std::span<const TaskId> tasks) const {
  ORCHSIM_CHECK(std::adjacent_find(tasks.begin(), tasks.end(), std::greater_equal<>()) == tasks.end(),
                "a subgraph's tasks must be in increasing id order");
  ORCHSIM_CHECK(tasks.empty() || tasks.back().index() < size(), "task {} of {}", tasks.back(), size());
  if (tasks.size() == 1) {
    Dag view(*this);
    view.first_ = first_ + tasks.front().value();
    view.size_ = 1;
    return view;
  }
  // Where task t is in `tasks` (sorted), or -1 when it is not.
  const auto local = [&](TaskId t) -> std::int64_t {
    const auto it = std::lower_bound(tasks.begin(), tasks.end(), t);
    return it != tasks.end() && *it == t ? it - tasks.begin() : -1;
  };
  TaskKeys keys;
  std::size_t chars = 0;
  for (TaskId t : tasks) chars += key(t).size();
  keys.reserve(tasks.size(), chars);
  for (TaskId t : tasks) keys.add(key(t));
  std::vector<std::uint32_t> up_offsets{0}, up;
  std::vector<EdgeGate> up_gates;
  for (TaskId t : tasks) {
    const auto ups = upstream(t);
    const auto gates = upstream_gates(t);
    for (std::size_t k = 0; k < ups.size(); ++k) {
      if (const std::int64_t u = local(ups[k]); u >= 0) {
        up.push_back(static_cast<std::uint32_t>(u));
        up_gates.push_back(gates[k]);
      }
    }
    up_offsets.push_back(static_cast<std::uint32_t>(up.size()));
  }
  Dag sub;
  sub.set_keys(keys, static_cast<std::uint32_t>(up.size()));
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    ORCHSIM_CHECK(!sub.index_key(TaskId(static_cast<std::uint32_t>(i))), "a Dag's keys are distinct");
  }
  ORCHSIM_CHECK(sub.link(up_offsets, up, up_gates).empty(), "a subgraph of a DAG has no cycle");
  return sub;
}

}  // namespace orchsim
