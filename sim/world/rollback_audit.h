// RollbackAudit: the always-on check, in every simulated run that has tables, of the invariant
// "after a rollback every table equals its last-known-good version", recomputed from the engine's
// events independently of the engine's own bookkeeping:
//  - a TableCommitted names an attempt whose AttemptFinished said it succeeded (no failed attempt's
//    write is ever visible);
//  - per run, the audit tracks each table's version at the run's start and its last known good
//    version (advanced by commits of whole-task attempts and by for_each tasks that succeeded), and
//    which tables the run (and, for pipeline scope, its run_job descendants) wrote;
//  - at RollbackStarted it derives which tables the scope covers and differ from their target:
//    their count must be the event's, and each TableRestored must restore exactly such a table to
//    exactly that target, with content equal to the target's.
// A violation is a bug (ORCHSIM_CHECK), not a statistic. It also counts rollbacks and restores for
// the metrics. With no tables it reads nothing and keeps nothing (a multi_job run of 1e5 tasks has
// 1e5 runs). An EventSink that forwards every event to `next`. One per replication; loop thread.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/events.h"
#include "engine/table_store.h"

namespace orchsim::sim {

class RollbackAudit final : public EventSink {
 public:
  // `tables` is the store the engine commits to, with all its tables already added; both must
  // outlive the audit.
  RollbackAudit(const TableStore& tables, EventSink& next)
      : tables_(tables), next_(next), audited_(tables.table_count() > 0) {}
  void on_event(const EngineEvent& event) override;

  std::uint32_t rollbacks() const { return rollbacks_; }            // runs that started restoring
  std::uint32_t tables_restored() const { return tables_restored_; }  // restores done (one per table and run)
  Duration restore_time() const { return restore_time_; }           // Σ over rollbacks of start → run end

 private:
  // Bits of RunRecord::wrote.
  static constexpr std::uint8_t kWroteSelf = 1, kWroteChild = 2, kWrotePartial = 4;
  struct RunRecord {
    RunId parent;
    std::vector<std::uint64_t> start, good;
    std::vector<std::uint8_t> wrote;
    std::vector<std::uint8_t> pending;  // tables this run's rollback still has to restore
    RollbackScope scope = RollbackScope::kNone;
    std::uint32_t to_restore = 0;
    SimTime rollback_started;
    bool rolling_back = false;
  };
  struct IterationCommit {
    RunId run;
    TaskId task;
    TableId table;
    std::uint64_t version;
  };

  RunRecord& run(RunId id);
  void begin_run(RunId id, RunId parent, bool started);
  // One handler per event the audit reads; every other event passes through.
  void on(const RunQueued& e, SimTime) { begin_run(e.run, e.parent, false); }
  void on(const RunStarted& e, SimTime) { begin_run(e.run, e.parent, true); }
  void on(const AttemptStarted& e, SimTime);
  void on(const AttemptFinished& e, SimTime) { attempt_ok_[e.attempt.index()] = e.result.succeeded; }
  void on(const TableCommitted& e, SimTime);
  void on(const TaskFinished& e, SimTime);
  void on(const RollbackStarted& e, SimTime time);
  void on(const TableRestored& e, SimTime);
  void on(const RunFinished& e, SimTime time);
  template <typename E>
  void on(const E&, SimTime) {}
  std::uint64_t target(const RunRecord& r, std::size_t table) const;
  bool covered(const RunRecord& r, std::size_t table) const;

  const TableStore& tables_;
  EventSink& next_;
  bool audited_;                           // the store has tables
  std::vector<RunRecord> runs_;            // by RunId
  std::vector<std::uint8_t> attempt_ok_;   // by AttemptId: 1 succeeded, 0 otherwise
  std::vector<std::uint8_t> iteration_;    // by AttemptId: 1 for a for_each iteration
  std::vector<IterationCommit> iteration_commits_;
  std::uint32_t rollbacks_ = 0;
  std::uint32_t tables_restored_ = 0;
  Duration restore_time_;
};

}  // namespace orchsim::sim
