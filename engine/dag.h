// Dag: an immutable, validated task graph in CSR form (index arrays), with a topological order.
// Built once from named declarations; after that everything is by TaskId. Every problem in the
// declarations (duplicate key, unknown dependency, cycle with its path) is reported at once.
// Read-only after construction: safe to share between threads and replications.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

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

class Dag {
 public:
  // Validates `tasks`; on any error adds diagnostics and returns nullopt. `what` names the graph in
  // messages ("job 'etl'"). Task i of the input becomes TaskId(i).
  static std::optional<Dag> build(const std::vector<TaskDecl>& tasks, Diagnostics& diagnostics,
                                  std::string_view what = "job");

  std::size_t size() const { return keys_.size(); }
  std::span<const TaskId> upstream(TaskId t) const { return range(up_offsets_, up_, t); }
  std::span<const TaskId> downstream(TaskId t) const { return range(down_offsets_, down_, t); }
  // Gates aligned with upstream(t) / downstream(t).
  std::span<const EdgeGate> upstream_gates(TaskId t) const { return range(up_offsets_, up_gate_, t); }
  std::span<const EdgeGate> downstream_gates(TaskId t) const { return range(down_offsets_, down_gate_, t); }
  std::span<const TaskId> topological_order() const { return topo_; }
  const std::string& key(TaskId t) const { return keys_[t.index()]; }
  std::optional<TaskId> find(std::string_view key) const;
  bool is_leaf(TaskId t) const { return downstream(t).empty(); }
  std::size_t edge_count() const { return up_.size(); }

 private:
  template <class T>
  static std::span<const T> range(const std::vector<std::uint32_t>& offsets, const std::vector<T>& items,
                                  TaskId t) {
    return {items.data() + offsets[t.index()], items.data() + offsets[t.index() + 1]};
  }

  std::vector<std::string> keys_;
  std::unordered_map<std::string, TaskId> by_key_;
  std::vector<std::uint32_t> up_offsets_, down_offsets_;
  std::vector<TaskId> up_, down_, topo_;
  std::vector<EdgeGate> up_gate_, down_gate_;
};

}  // namespace orchsim
