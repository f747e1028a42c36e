// Dag: an immutable, validated task graph in CSR form (index arrays), with a topological order.
// Built once, from named declarations (build) or from index edges (from_edges, for generated
// graphs of millions of tasks); after that everything is by TaskId. Every problem in the input
// (duplicate key, unknown dependency, cycle with its path) is reported at once.
// Read-only after construction: safe to share between threads and replications.
//
// Memory: keys are stored back to back with an open-addressing index of TaskIds, so a task costs
// ~20 bytes of names plus 4 bytes per edge end, not a std::string and a hash-map node. The index
// arrays (the keys' ends among them) share one allocation, sizes and offsets are derived, and
// gates are kept only when there are edges: a one-task job (multi_job makes one per workload task)
// costs one small heap block (two with a key over 15 characters) and a 96-byte Dag.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/cache_hints.h"
#include "engine/error.h"
#include "engine/ids.h"

namespace orchsim {

// An edge's `outcome` gate (Jobs API `depends_on[].outcome`): only edges from a condition task
// carry one; the downstream task runs on that branch only.
enum class EdgeGate : std::uint8_t { kNone, kTrue, kFalse };

struct TaskDecl {
  std::string key;
  std::vector<std::string> depends_on;
  SourceLocation where;                       // of the task, for errors about it
  std::vector<SourceLocation> depends_where;  // one per depends_on entry, optional
  std::vector<EdgeGate> depends_outcome;      // one per depends_on entry, optional (kNone)
};

// Task keys in one buffer, key i ending at end_[i]: how a Dag keeps its names, and how a generator
// hands from_edges the names of a big graph without a std::string per task.
class TaskKeys {
 public:
  void reserve(std::size_t keys, std::size_t chars);
  void add(std::string_view key);
  std::size_t size() const { return end_.size(); }
  std::string_view operator[](std::size_t i) const {
    const std::uint32_t begin = i == 0 ? 0 : end_[i - 1];
    return std::string_view(chars_).substr(begin, end_[i] - begin);
  }

 private:
  friend class Dag;  // takes the keys over
  std::string chars_;
  std::vector<std::uint32_t> end_;
};

class Dag {
 public:
  // Validates `tasks`; on any error adds diagnostics and returns nullopt. `what` names the graph in
  // messages ("job 'etl'"). Task i of the input becomes TaskId(i).
  static std::optional<Dag> build(const std::vector<TaskDecl>& tasks, Diagnostics& diagnostics,
                                  std::string_view what = "job");
  // A graph given by index: task i is named keys[i] and its upstream tasks are
  // upstream[upstream_begin[i] .. upstream_begin[i + 1]), ungated. The same checks as build()
  // (messages without a file position); upstream_begin has keys.size() + 1 entries.
  static std::optional<Dag> from_edges(TaskKeys keys, std::span<const std::uint32_t> upstream_begin,
                                       std::span<const std::uint32_t> upstream, Diagnostics& diagnostics,
                                       std::string_view what = "job");

  std::size_t size() const { return size_; }
  std::span<const TaskId> upstream(TaskId t) const { return range(up_offsets_at(), up_at(), t); }
  std::span<const TaskId> downstream(TaskId t) const { return range(down_offsets_at(), down_at(), t); }
  // Gates aligned with upstream(t) / downstream(t).
  std::span<const EdgeGate> upstream_gates(TaskId t) const { return gates(up_offsets_at(), 0, t); }
  std::span<const EdgeGate> downstream_gates(TaskId t) const { return gates(down_offsets_at(), edges_, t); }
  std::span<const TaskId> topological_order() const { return {index_.data() + topo_at(), size()}; }
  std::string_view key(TaskId t) const {
    const std::uint32_t begin = t.index() == 0 ? 0 : index_[t.index() - 1].value();
    return std::string_view(chars_).substr(begin, index_[t.index()].value() - begin);
  }
  std::optional<TaskId> find(std::string_view key) const;
  bool is_leaf(TaskId t) const { return downstream(t).empty(); }
  // Cache hints: pull in the line that says where t's downstream (upstream) edges are.
  void prefetch_downstream(TaskId t) const { prefetch_for_read(index_.data() + down_offsets_at() + t.index()); }
  void prefetch_upstream(TaskId t) const { prefetch_for_read(index_.data() + up_offsets_at() + t.index()); }

 private:
  // Where each array starts in index_ (see there).
  std::uint32_t key_index_at() const { return size_; }
  std::uint32_t up_offsets_at() const { return size_ + key_slots_; }
  std::uint32_t down_offsets_at() const { return up_offsets_at() + size_ + 1; }
  std::uint32_t up_at() const { return down_offsets_at() + size_ + 1; }
  std::uint32_t down_at() const { return up_at() + edges_; }
  std::uint32_t topo_at() const { return down_at() + edges_; }
  // Edges of t: items[offsets[t] .. offsets[t + 1]), every array a stretch of index_.
  std::span<const TaskId> range(std::uint32_t offsets, std::uint32_t items, TaskId t) const {
    const TaskId* base = index_.data();
    return {base + items + base[offsets + t.index()].value(), base + items + base[offsets + t.index() + 1].value()};
  }
  std::span<const EdgeGate> gates(std::uint32_t offsets, std::uint32_t items, TaskId t) const {
    const TaskId* base = index_.data();
    const std::uint32_t begin = base[offsets + t.index()].value(), end = base[offsets + t.index() + 1].value();
    return {gates_.data() + items + begin, gates_.data() + items + end};
  }
  std::span<const TaskId> key_index() const { return {index_.data() + key_index_at(), key_slots_}; }

  // Takes `keys` over, with a key index sized for them, empty.
  void set_keys(TaskKeys keys);
  // Adds task t (the next one) to the key index; returns the task that already has its key, if any.
  std::optional<TaskId> index_key(TaskId t);
  // Lays out index_ after the key index for `edges` upstream edges given as CSR (offsets as
  // TaskId values) with their gates, then builds the downstream CSR and the topological order.
  // Returns a cycle (first task repeated at the end) when there is one, else an empty vector.
  // No gates (an empty span): every edge is ungated.
  std::vector<TaskId> link(std::span<const std::uint32_t> up_offsets, std::span<const std::uint32_t> up,
                           std::span<const EdgeGate> up_gates);
  std::string cycle_path(const std::vector<TaskId>& cycle) const;

  std::string chars_;  // the keys back to back: key i ends at the i-th key end
  // Every index array back to back, each starting at its *_at() position: key
  // ends [n] (values as TaskIds), key index [key_slots_] (open addressing, linear probing;
  // invalid = empty slot), upstream and downstream offsets [n + 1] each (values as TaskIds),
  // upstream and downstream tasks [edges_] each, topological order [n].
  std::vector<TaskId> index_;
  std::vector<EdgeGate> gates_;  // upstream [edges_] then downstream [edges_]; empty without edges
  std::uint32_t size_ = 0, key_slots_ = 0, edges_ = 0;
};

}  // namespace orchsim
