// InvariantChecker: an EventSink that checks the engine's invariants (docs/architecture.md rule 6)
// on every event of one simulated replication, independently of the engine's own always-on checks,
// then checks the replication's result against them. Used by the soak (sim/validation/soak.h).
// Checked: time never goes back; a task starts once, after every upstream task finished when the
// job evaluates the Databricks way, and a disabled task never starts; an attempt starts only on a
// started, unfinished task, not before its scheduled retry, and at most max_retries + 1 times per
// task (per for_each iteration); every attempt finishes once, before its task does; a task finishes
// once, with a result; a run finishes once, after all its tasks, with the result the leaf rule of
// docs/model.md §8 gives (TIMEDOUT only with a timeout, CANCELED only under one); table versions
// grow by one per commit or restore, only succeeded attempts commit, and a restore goes back to a
// version the table had; the bill is non-negative and sums (VM + DBU, per cluster), every metric
// is finite and non-negative. One per replication; single-threaded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/events.h"
#include "models/deployment.h"
#include "sim/experiment/replication_result.h"

namespace orchsim::sim {

class InvariantChecker final : public EventSink {
 public:
  explicit InvariantChecker(const models::Deployment& deployment);

  void on_event(const EngineEvent& event) override;
  // After the replication: everything started has ended, and the result agrees with the events.
  void finish(const ReplicationResult& result);

  // The first invariant broken, with the time and what was seen; nullopt when all held.
  const std::optional<std::string>& violation() const { return violation_; }

 private:
  struct RunRecord {
    JobId job;
    bool finished = false;
    JobResult result = JobResult::kNone;
    std::vector<std::uint8_t> started;  // per task
    std::vector<TaskResult> results;    // per task; kNone until finished
  };
  struct AttemptRecord {
    RunId run;
    TaskId task;
    bool finished = false;
    bool succeeded = false;
    bool committed = false;
  };
  using UnitKey = std::tuple<std::size_t, std::size_t, std::uint32_t>;  // run, task, iteration (+1; 0 = none)

  void fail(const std::string& what);
  void run_started(const RunStarted& e);
  void task_started(const TaskStarted& e);
  void attempt_started(const AttemptStarted& e);
  void attempt_finished(const AttemptFinished& e);
  void task_finished(const TaskFinished& e);
  void run_finished(const RunFinished& e);
  void table_committed(const TableCommitted& e);
  void table_restored(const TableRestored& e);
  void check_bill(const ReplicationResult& result);
  RunRecord* run(RunId id);

  const models::Deployment& deployment_;
  SimTime now_ = SimTime::zero();
  std::optional<std::string> violation_;
  std::vector<RunRecord> runs_;  // by RunId
  std::map<std::size_t, AttemptRecord> attempts_;
  std::map<UnitKey, std::uint32_t> attempt_counts_;
  std::map<UnitKey, SimTime> retry_at_;
  std::vector<std::uint64_t> table_version_;          // by TableId
  std::vector<std::set<std::uint64_t>> good_versions_;  // by TableId: versions the table has had
  bool timed_out_ = false;                             // some run ended TIMEDOUT
  std::optional<JobResult> entry_result_;
};

}  // namespace orchsim::sim
