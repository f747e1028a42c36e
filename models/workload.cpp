#include "models/workload.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_set>

namespace orchsim::models {

SourceLocation WorkloadTask::dependency_where(std::size_t k) const {
  const LineColumn at = depends_on[k].where;
  if (at.line == 0) return where;
  return {where.file, at.line, at.column};
}

namespace {

// The DAG of a workload whose edges carry no outcome gate, built from index edges: a few bytes per
// task and edge instead of a TaskDecl (a string, a location and three vectors) per task. Nullopt
// when an edge is gated or names no task, or the graph is invalid: Dag::build then says where.
std::optional<Dag> dag_by_index(const std::vector<WorkloadTask>& tasks) {
  const std::size_t n = tasks.size();
  std::size_t chars = 0;
  for (const auto& t : tasks) chars += t.key.size();
  TaskKeys keys;
  keys.reserve(n, chars);
  for (const auto& t : tasks) keys.add(t.key);
  // Task indices sorted by key resolve the dependencies' names.
  std::vector<std::uint32_t> by_key(n);
  std::iota(by_key.begin(), by_key.end(), 0u);
  const auto key_less = [&](std::uint32_t a, std::uint32_t b) { return tasks[a].key < tasks[b].key; };
  std::sort(by_key.begin(), by_key.end(), key_less);
  std::vector<std::uint32_t> begin;
  begin.reserve(n + 1);
  begin.push_back(0);
  std::vector<std::uint32_t> upstream;
  for (const auto& t : tasks) {
    for (const Dependency& d : t.depends_on) {
      if (d.gate != EdgeGate::kNone) return std::nullopt;
      const std::string_view name = d.task;
      const auto it = std::lower_bound(by_key.begin(), by_key.end(), name,
                                       [&](std::uint32_t a, std::string_view b) { return tasks[a].key < b; });
      if (it == by_key.end() || tasks[*it].key != name) return std::nullopt;
      upstream.push_back(*it);
    }
    begin.push_back(static_cast<std::uint32_t>(upstream.size()));
  }
  std::vector<std::uint32_t>().swap(by_key);
  Diagnostics ignored;  // Dag::build reports them, located
  return Dag::from_edges(std::move(keys), begin, upstream, ignored, "workload");
}

}  // namespace

std::optional<Dag> Workload::dag(Diagnostics& diagnostics) const {
  // The task count: a cheap guard against a graph checked before tasks were added or removed.
  if (checked_dag && checked_dag->size() == tasks.size()) return checked_dag;
  if (auto dag = dag_by_index(tasks)) return dag;
  std::vector<TaskDecl> decls;
  decls.reserve(tasks.size());
  for (const auto& t : tasks) {
    std::vector<SourceLocation> where;
    std::vector<EdgeGate> gates;
    where.reserve(t.depends_on.size());
    gates.reserve(t.depends_on.size());
    for (std::size_t k = 0; k < t.depends_on.size(); ++k) {
      where.push_back(t.dependency_where(k));
      gates.push_back(t.depends_on[k].gate);
    }
    decls.push_back({t.key, t.depends_on.names(), t.where, std::move(where), std::move(gates)});
  }
  return Dag::build(decls, diagnostics, "workload");
}

void Workload::check_dag(Diagnostics& diagnostics) {
  checked_dag.reset();
  checked_dag = dag(diagnostics);
}

void Workload::release_written_dependencies() {
  if (!checked_dag || checked_dag->size() != tasks.size()) return;
  for (auto& t : tasks) t.depends_on = Dependencies();
}

std::vector<std::string> Workload::tables() const {
  std::vector<std::string> names;
  std::unordered_set<std::string> seen;  // membership only; names keeps first-use order
  for (const auto& t : tasks) {
    for (const auto& table : t.writes->tables) {
      if (seen.insert(table).second) names.push_back(table);
    }
  }
  return names;
}

}  // namespace orchsim::models
