// Dag: an immutable, validated task graph in CSR form (index arrays), with a topological order.
// Built once, from named declarations (build), from index edges (from_edges, for generated
// graphs of millions of tasks) or as a subgraph of another Dag; after that everything is by
// TaskId. Every problem in the input (duplicate key, unknown dependency, cycle with its path) is
// reported at once. Read-only after construction: safe to share between threads and replications.
//
// Memory: one heap block per graph, shared by every copy (a copy costs a reference count, so
// single_job's job and multi_job's parent can hold the workload's graph). In the block, keys are
// stored back to back with an open-addressing index of TaskIds, so a task costs ~20 bytes of names
// plus 4 bytes per edge end, not a std::string and a hash-map node; sizes and offsets are derived.
// A Dag is the block's pointer plus which of its tasks it reads: all of them, or one task alone.
// A one-task subgraph (multi_job makes one job per workload task) is such a view of its graph's
// block: no heap block of its own, where one would take 48 bytes plus its key (a 64-byte
// allocation).
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
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

// Task keys in one buffer, key i ending at end_[i]: how a generator hands from_edges the names of a
// big graph without a std::string per task (the Dag copies them into its block).
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
  friend class Dag;  // copies the keys in
  std::string chars_;
  std::vector<std::uint32_t> end_;
};

class Dag {
 public:
  Dag() = default;  // no tasks, no storage
  Dag(const Dag& other) noexcept : block_(other.block_), size_(other.size_), first_(other.first_) {
    if (block_ != nullptr) block_->refs.fetch_add(1, std::memory_order_relaxed);
  }
  Dag(Dag&& other) noexcept
      : block_(std::exchange(other.block_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        first_(std::exchange(other.first_, 0)) {}
  Dag& operator=(Dag other) noexcept {
    std::swap(block_, other.block_);
    std::swap(size_, other.size_);
    std::swap(first_, other.first_);
    return *this;
  }
  ~Dag() { release(); }

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
  // The subgraph of `tasks` (distinct, in increasing id order) with the edges among them and their
  // gates: task k of the result is tasks[k], with its key. Needs no checks: a subgraph of a valid
  // graph is valid. One task (no edge can be among it: a graph has no self-loop) is a view of this
  // graph's block, which it keeps alive; any other count gets a block of its own.
  Dag subgraph(std::span<const TaskId> tasks) const;

  std::size_t size() const { return size_; }
  // A graph of at most one task has no edges (no self-loop): answered without the block, which is
  // how a one-task view skips its task's edges in its graph's block (one well-predicted branch).
  std::span<const TaskId> upstream(TaskId t) const {
    if (size_ <= 1) return {};
    return range(up_offsets_at(), up_at(), t);
  }
  std::span<const TaskId> downstream(TaskId t) const {
    if (size_ <= 1) return {};
    return range(down_offsets_at(), down_at(), t);
  }
  // Gates aligned with upstream(t) / downstream(t).
  std::span<const EdgeGate> upstream_gates(TaskId t) const {
    if (size_ <= 1) return {};
    return gates(up_offsets_at(), 0, t);
  }
  std::span<const EdgeGate> downstream_gates(TaskId t) const {
    if (size_ <= 1) return {};
    return gates(down_offsets_at(), block_->edges, t);
  }
  // At most one task: {} or {TaskId(0)}, without reading the block (a view has no order there).
  std::span<const TaskId> topological_order() const {
    if (size_ <= 1) return {kFirstTask, size_};
    return {words() + topo_at(), size_};
  }
  std::string_view key(TaskId t) const { return block_key(first_ + t.value()); }
  std::optional<TaskId> find(std::string_view key) const;
  bool is_leaf(TaskId t) const { return downstream(t).empty(); }
  // Cache hints: pull in the line that says where t's downstream (upstream) edges are. A one-task
  // view pulls in its graph's line for task 0 instead: unused, but harmless (a hint never faults).
  void prefetch_downstream(TaskId t) const { prefetch_for_read(words() + down_offsets_at() + t.index()); }
  void prefetch_upstream(TaskId t) const { prefetch_for_read(words() + up_offsets_at() + t.index()); }

  // Whether the two read one stored graph, as copies of a Dag and one-task views of it do (for
  // tests and memory accounting).
  bool shares_storage_with(const Dag& other) const { return block_ == other.block_; }
  // The size of the heap block the graph is stored in, shared by its copies; 0 without tasks, and
  // 0 for a one-task view of a bigger graph: it adds no storage (it reads, and keeps alive, that
  // graph's block, which is counted with the graph).
  std::size_t storage_bytes() const;

 private:
  // The start of the one heap block. After it, every index array back to back as TaskIds
  // (words(), each array at its *_at() position): key ends [n] (values as TaskIds), key index
  // [key_slots] (open addressing, linear probing; invalid = empty slot), upstream and downstream
  // offsets [n + 1] each (values as TaskIds), upstream and downstream tasks [edges] each,
  // topological order [n]. Then the gates: upstream [edges] then downstream [edges]. Then the
  // keys back to back, key i ending at the i-th key end.
  struct Block {
    std::atomic<std::uint32_t> refs;  // the Dags that hold it
    std::uint32_t size, key_slots, edges;
  };
  // A block for `keys` and `edges` edges, with the keys and their ends filled in and the key index
  // empty; the rest is left for link().
  static Block* allocate(const TaskKeys& keys, std::uint32_t edges);
  static std::size_t word_count(std::size_t size, std::size_t key_slots, std::size_t edges) {
    return 4 * size + 2 + key_slots + 2 * edges;
  }
  std::size_t word_count() const { return word_count(block_->size, block_->key_slots, block_->edges); }
  // The key of the block's task i, whichever tasks this Dag reads.
  std::string_view block_key(std::uint32_t i) const {
    const TaskId* ends = words();
    const std::uint32_t begin = i == 0 ? 0 : ends[i - 1].value();
    return {chars() + begin, ends[i].value() - begin};
  }
  void release() noexcept;

  const TaskId* words() const { return reinterpret_cast<const TaskId*>(block_ + 1); }
  TaskId* words() { return reinterpret_cast<TaskId*>(block_ + 1); }  // while building
  const EdgeGate* gate_array() const { return reinterpret_cast<const EdgeGate*>(words() + word_count()); }
  EdgeGate* gate_array() { return reinterpret_cast<EdgeGate*>(words() + word_count()); }
  const char* chars() const { return reinterpret_cast<const char*>(gate_array() + 2 * std::size_t{block_->edges}); }

  // Where each array starts in words() (see Block).
  std::uint32_t key_index_at() const { return block_->size; }
  std::uint32_t up_offsets_at() const { return block_->size + block_->key_slots; }
  std::uint32_t down_offsets_at() const { return up_offsets_at() + block_->size + 1; }
  std::uint32_t up_at() const { return down_offsets_at() + block_->size + 1; }
  std::uint32_t down_at() const { return up_at() + block_->edges; }
  std::uint32_t topo_at() const { return down_at() + block_->edges; }
  // Edges of t: items[offsets[t] .. offsets[t + 1]), every array a stretch of words().
  std::span<const TaskId> range(std::uint32_t offsets, std::uint32_t items, TaskId t) const {
    const TaskId* base = words();
    return {base + items + base[offsets + t.index()].value(), base + items + base[offsets + t.index() + 1].value()};
  }
  std::span<const EdgeGate> gates(std::uint32_t offsets, std::uint32_t items, TaskId t) const {
    const TaskId* base = words();
    const std::uint32_t begin = base[offsets + t.index()].value(), end = base[offsets + t.index() + 1].value();
    return {gate_array() + items + begin, gate_array() + items + end};
  }

  // Takes a block for `keys` and `edges` edges (see allocate).
  void set_keys(const TaskKeys& keys, std::uint32_t edges);
  // Adds the block's task t (the next one) to the key index; returns the task that already has its
  // key, if any. While building: the Dag reads the whole block.
  std::optional<TaskId> index_key(TaskId t);
  // Fills the block after the key index for its edges, given as upstream CSR (offsets as TaskId
  // values) with their gates, then builds the downstream CSR and the topological order.
  // Returns a cycle (first task repeated at the end) when there is one, else an empty vector.
  // No gates (an empty span): every edge is ungated.
  std::vector<TaskId> link(std::span<const std::uint32_t> up_offsets, std::span<const std::uint32_t> up,
                           std::span<const EdgeGate> up_gates);
  std::string cycle_path(const std::vector<TaskId>& cycle) const;

  // The order of any one-task graph.
  static constexpr TaskId kFirstTask[1] = {TaskId(0)};

  // Immutable once built; shared by the copies and views, the last of which frees it. Null
  // without tasks.
  Block* block_ = nullptr;
  // The tasks this Dag reads: the block's [first_, first_ + size_), either all of them (first_ 0)
  // or one task alone (size_ 1, a view). size_ is kept here, in what would be padding, so that
  // size() reads no block.
  std::uint32_t size_ = 0;
  std::uint32_t first_ = 0;
};

}  // namespace orchsim
