#include "sim/world/rollback_audit.h"

#include "engine/check.h"

namespace orchsim::sim {

RollbackAudit::RunRecord& RollbackAudit::run(RunId id) {
  ORCHSIM_CHECK(id.index() < runs_.size(), "event for run {} before its RunStarted", id);
  return runs_[id.index()];
}

// The version a rollback of `r` returns `table` to (engine/job.h RollbackScope).
std::uint64_t RollbackAudit::target(const RunRecord& r, std::size_t table) const {
  return r.scope == RollbackScope::kTask ? r.good[table] : r.start[table];
}

bool RollbackAudit::covered(const RunRecord& r, std::size_t table) const {
  const std::uint8_t w = r.wrote[table];
  switch (r.scope) {
    case RollbackScope::kNone: return false;
    case RollbackScope::kTask: return (w & kWrotePartial) != 0;
    case RollbackScope::kJob: return (w & kWroteSelf) != 0;
    case RollbackScope::kPipeline: return (w & (kWroteSelf | kWroteChild)) != 0;
  }
  return false;
}

void RollbackAudit::on_event(const EngineEvent& event) {
  // No tables: no commit, rollback or restore can happen, so there is nothing to audit or keep.
  if (audited_) std::visit([&](const auto& e) { on(e, event.time); }, event.body);
  next_.on_event(event);
}

void RollbackAudit::begin_run(RunId id, RunId parent, bool started) {
  if (runs_.size() <= id.index()) runs_.resize(id.index() + 1);
  RunRecord& r = runs_[id.index()];
  r.parent = parent;
  if (!started) return;
  const std::size_t n = tables_.table_count();
  r.start.resize(n);
  for (std::size_t t = 0; t < n; ++t) r.start[t] = tables_.current(TableId(static_cast<std::uint32_t>(t))).version;
  r.good = r.start;
  r.wrote.assign(n, 0);
  r.pending.assign(n, 0);
}

void RollbackAudit::on(const AttemptStarted& e, SimTime) {
  if (attempt_ok_.size() <= e.attempt.index()) {
    attempt_ok_.resize(e.attempt.index() + 1, 0);
    iteration_.resize(e.attempt.index() + 1, 0);
  }
  iteration_[e.attempt.index()] = e.iteration.has_value();
}

void RollbackAudit::on(const TableCommitted& e, SimTime) {
  ORCHSIM_CHECK(e.attempt.index() < attempt_ok_.size() && attempt_ok_[e.attempt.index()],
                "table {} got a commit from attempt {}, which did not succeed", e.table, e.attempt);
  const TableVersion& v = tables_.history(e.table)[e.version];
  ORCHSIM_CHECK(v.kind == VersionKind::kCommit && v.info.attempt == e.attempt, "commit record mismatch");
  const bool partial = iteration_[e.attempt.index()] != 0;
  RunRecord& r = run(e.run);
  r.wrote[e.table.index()] |= partial ? (kWroteSelf | kWrotePartial) : kWroteSelf;
  if (partial) iteration_commits_.push_back({e.run, e.task, e.table, e.version});
  else r.good[e.table.index()] = e.version;
  for (RunId p = r.parent; p.valid(); p = run(p).parent) run(p).wrote[e.table.index()] |= kWroteChild;
}

// A for_each task that succeeded makes its newest iteration commit known good.
void RollbackAudit::on(const TaskFinished& e, SimTime) {
  if (e.result != TaskResult::kSuccess || iteration_commits_.empty()) return;
  RunRecord& r = run(e.run);
  for (const IterationCommit& c : iteration_commits_) {
    if (c.run == e.run && c.task == e.task && c.version > r.good[c.table.index()]) r.good[c.table.index()] = c.version;
  }
}

void RollbackAudit::on(const RollbackStarted& e, SimTime time) {
  RunRecord& r = run(e.run);
  ORCHSIM_CHECK(!r.rolling_back, "run {} started a second rollback", e.run);
  r.scope = e.scope;
  r.rolling_back = true;
  r.rollback_started = time;
  std::uint32_t differ = 0;
  for (std::size_t t = 0; t < tables_.table_count(); ++t) {
    const TableId id(static_cast<std::uint32_t>(t));
    if (!covered(r, t)) continue;
    if (tables_.current(id).content == tables_.history(id)[target(r, t)].content) continue;
    r.pending[t] = 1;
    ++differ;
  }
  ORCHSIM_CHECK(differ == e.tables, "run {} rolls back {} tables; the audit finds {} to restore", e.run, e.tables,
                differ);
  r.to_restore = differ;
  ++rollbacks_;
}

void RollbackAudit::on(const TableRestored& e, SimTime) {
  RunRecord& r = run(e.run);
  const std::size_t t = e.table.index();
  ORCHSIM_CHECK(r.rolling_back && r.pending[t], "run {} restored table {} outside its rollback", e.run, e.table);
  ORCHSIM_CHECK(e.restored_from == target(r, t), "table {} restored to version {}, its last known good is {}",
                e.table, e.restored_from, target(r, t));
  const auto hist = tables_.history(e.table);
  ORCHSIM_CHECK(hist[e.version].kind == VersionKind::kRestore &&
                    hist[e.version].content == hist[e.restored_from].content,
                "table {} differs from its last known good version after the restore", e.table);
  r.pending[t] = 0;
  --r.to_restore;
  ++tables_restored_;
}

void RollbackAudit::on(const RunFinished& e, SimTime time) {
  if (e.run.index() >= runs_.size()) return;  // skipped before it began: nothing to audit
  RunRecord& r = runs_[e.run.index()];
  if (!r.rolling_back) return;
  ORCHSIM_CHECK(r.to_restore == 0, "run {} finished with {} restores missing", e.run, r.to_restore);
  restore_time_ += time - r.rollback_started;
  r.rolling_back = false;
}

}  // namespace orchsim::sim
