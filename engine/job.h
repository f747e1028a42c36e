// JobSpec: one job definition as the engine runs it: a validated Dag plus per-task settings and
// targets (compute, child job), indexed by TaskId, and the job-level settings (evaluation mode,
// concurrency, timeout, failure budget, rollback scope, notifications). Built by models::plan
// (simulation) or the live loader; immutable while runs of it exist. Names appear only for
// messages and reports.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "engine/alerts.h"
#include "engine/cache_hints.h"
#include "engine/condition.h"
#include "engine/dag.h"
#include "engine/error.h"
#include "engine/ids.h"
#include "engine/retry.h"
#include "engine/time.h"
#include "engine/trigger.h"

namespace orchsim {

enum class TaskKind : std::uint8_t {
  kWork,       // notebook / python / jar / sql …: an attempt on some compute, through the TaskRunner
  kRunJob,     // starts a run of another job and takes its outcome (how "multiple jobs" is modelled)
  kCondition,  // evaluates `condition` (no compute, no retries); outcome gates outgoing edges
  kForEach,    // runs the nested task once per input, at most `concurrency` at a time
};

// What a run restores on a final failure (docs/model.md §9):
//  kTask: the tables partially written by tasks that finally failed (for_each iterations that
//         committed before a sibling failed) go back to the run's last known good version;
//  kJob: every table this run wrote goes back to its version at the run's start;
//  kPipeline: like kJob, over every table written by the run and all its run_job descendants,
//         back to their versions at the top-level run's start (done once, by the top-level run).
enum class RollbackScope : std::uint8_t { kNone, kTask, kJob, kPipeline };

const char* to_string(RollbackScope scope);

// A for_each task: one nested iteration per input. The nested task's settings are the for_each
// task's own `compute`, `retry`, `timeout` and `writes`, applied to each iteration. Iterations
// that fail do not stop their siblings; the task FAILS once all iterations are over if any
// iteration finally failed (Databricks reports the for_each task as failed in that case).
struct ForEach {
  std::uint32_t inputs = 0;
  std::uint32_t concurrency = 1;

  bool operator==(const ForEach&) const = default;
};

struct TaskSpec {
  TaskKind kind = TaskKind::kWork;
  RunIf run_if = RunIf::kAllSuccess;
  RetryPolicy retry;
  std::optional<Duration> timeout;  // per attempt, counted from the attempt's start (incl. setup)
  Duration trigger_latency;         // kRunJob: from dispatch to the child run's start
  bool disabled = false;            // result DISABLED, never runs; not a success downstream (trigger.h)
  Condition condition;              // kCondition
  ForEach for_each;                 // kForEach
  std::vector<TableId> writes;      // tables a successful attempt commits, one version each
  Notifications notifications;      // task-level alerts

  bool operator==(const TaskSpec&) const = default;
};

// What one task runs, as opposed to how (its TaskSpec): kept per task beside the settings, so that
// tasks differing only in these share one TaskSpec.
struct TaskTarget {
  ComputeId compute;  // kWork / kForEach: where attempts run
  JobId child_job;    // kRunJob: the job it starts a run of
};

// The per-task settings of a job, indexed by TaskId and read like a vector, with each task's
// target (compute(i), child_job(i)) beside them. One stored TaskSpec may serve many tasks, of this
// job and of others: push_back shares the last one stored when it is equal (a planned job lists
// its tasks in order, most with the same settings), assign(n, spec) shares one, and a planner may
// hand in the same shared TaskSpec for tasks of many jobs (multi_job's 1e5 one-task jobs hold one
// between them). A task costs 16 bytes here, not sizeof(TaskSpec) (~270). To change one task's
// settings, set() it: the tasks that shared them keep theirs. Stored TaskSpecs are immutable, so
// copies of a job, and jobs on other threads, may share them. A job of one task (multi_job has 1e5
// and more) keeps that task here, not in a heap block of its own.
class TaskSpecs {
 public:
  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = TaskSpec;
    using difference_type = std::ptrdiff_t;
    using pointer = const TaskSpec*;
    using reference = const TaskSpec&;
    const_iterator() = default;
    const_iterator(const TaskSpecs* specs, std::size_t i) : specs_(specs), i_(i) {}
    reference operator*() const { return (*specs_)[i_]; }
    pointer operator->() const { return &(*specs_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const const_iterator& other) const { return i_ == other.i_; }

   private:
    const TaskSpecs* specs_ = nullptr;
    std::size_t i_ = 0;
  };

  TaskSpecs() = default;
  TaskSpecs(const TaskSpecs& other)
      : first_(other.first_), more_(other.more_ ? std::make_unique<Held>(*other.more_) : nullptr) {
    reserve(other.size_);
    std::copy(other.data(), other.data() + other.size_, data());
    size_ = other.size_;
  }
  TaskSpecs(TaskSpecs&& other) noexcept { steal(other); }
  TaskSpecs& operator=(const TaskSpecs& other) { return *this = TaskSpecs(other); }
  TaskSpecs& operator=(TaskSpecs&& other) noexcept {
    if (this != &other) {
      release();
      steal(other);
    }
    return *this;
  }
  ~TaskSpecs() { release(); }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const TaskSpec& operator[](std::size_t i) const { return *data()[i].spec; }
  // Where task i's attempts run (a kWork or kForEach task); invalid for other tasks.
  ComputeId compute(std::size_t i) const { return data()[i].target.compute; }
  // The job task i runs (a kRunJob task); invalid for other tasks.
  JobId child_job(std::size_t i) const { return data()[i].target.child_job; }
  // Cache hint for operator[](i) and the targets.
  void prefetch(std::size_t i) const { prefetch_for_read(data() + i); }
  // How many TaskSpecs this job holds (at most size()), for tests and memory accounting.
  std::size_t stored() const { return (first_ ? 1 : 0) + (more_ ? more_->size() : 0); }
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

  void reserve(std::size_t n) {
    if (n <= capacity_) return;
    Task* grown = new Task[n];
    std::copy(data(), data() + size_, grown);
    release_tasks();
    tasks_.many = grown;
    capacity_ = static_cast<std::uint32_t>(n);
  }
  void push_back(TaskSpec spec, TaskTarget target = {}) {
    const std::shared_ptr<const TaskSpec>& last = last_held();
    if (last && *last == spec) {
      append({last.get(), target});
      return;
    }
    push_back(std::make_shared<const TaskSpec>(std::move(spec)), target);
  }
  // `spec` must not be null.
  void push_back(std::shared_ptr<const TaskSpec> spec, TaskTarget target = {}) {
    append({spec.get(), target});
    hold(std::move(spec));
  }
  void assign(std::size_t n, TaskSpec spec, TaskTarget target = {}) {
    first_ = std::make_shared<const TaskSpec>(std::move(spec));
    more_.reset();
    reserve(n);
    std::fill(data(), data() + n, Task{first_.get(), target});
    size_ = static_cast<std::uint32_t>(n);
  }
  void set(std::size_t i, TaskSpec spec) {
    auto stored = std::make_shared<const TaskSpec>(std::move(spec));
    data()[i].spec = stored.get();
    hold(std::move(stored));
  }

 private:
  struct Task {
    const TaskSpec* spec = nullptr;  // held by first_ or more_
    TaskTarget target;
  };
  // The tasks: the one inline while capacity_ is 1, else capacity_ of them on the heap (owned).
  union Tasks {
    Task one{};
    Task* many;
  };
  const Task* data() const { return capacity_ == 1 ? &tasks_.one : tasks_.many; }
  Task* data() { return capacity_ == 1 ? &tasks_.one : tasks_.many; }
  void append(Task task) {
    if (size_ == capacity_) reserve(2 * std::size_t{capacity_});
    data()[size_++] = task;
  }
  void release_tasks() {
    if (capacity_ > 1) delete[] tasks_.many;
  }
  void release() {
    release_tasks();
    tasks_.one = {};
    size_ = 0;
    capacity_ = 1;
  }
  // Takes `other`'s tasks and held specs, leaving it empty.
  void steal(TaskSpecs& other) {
    tasks_ = other.tasks_;
    size_ = other.size_;
    capacity_ = other.capacity_;
    first_ = std::move(other.first_);
    more_ = std::move(other.more_);
    other.tasks_.one = {};
    other.size_ = 0;
    other.capacity_ = 1;
  }
  using Held = std::vector<std::shared_ptr<const TaskSpec>>;
  const std::shared_ptr<const TaskSpec>& last_held() const { return more_ ? more_->back() : first_; }
  // Keeps `spec` alive as long as this TaskSpecs (once, when it is the last one held already).
  void hold(std::shared_ptr<const TaskSpec> spec) {
    if (!first_) {
      first_ = std::move(spec);
    } else if (last_held() != spec) {
      if (!more_) more_ = std::make_unique<Held>();
      more_->push_back(std::move(spec));
    }
  }

  Tasks tasks_;
  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = 1;
  // The TaskSpecs tasks_ points to. The first apart, and the others behind one pointer: a job
  // whose tasks share one (multi_job's) costs 48 bytes here and no heap block.
  std::shared_ptr<const TaskSpec> first_;
  std::unique_ptr<Held> more_;  // null or non-empty
};

// The job settings most jobs leave unset (multi_job's child jobs have none of them), kept out of
// line so that a job without them costs one null pointer.
struct RareJobSettings {
  Notifications notifications;                // job-level alerts
  std::optional<Duration> timeout;            // per job run, from the run's start (after queueing)
  std::optional<std::uint32_t> retry_budget;  // retries allowed per run, all tasks together

  bool operator==(const RareJobSettings&) const = default;
};
inline constexpr RareJobSettings kUnsetRareJobSettings{};

struct JobSpec {
  std::string name;
  Dag dag;
  TaskSpecs tasks;  // tasks[t.index()] for every TaskId t of dag
  // The settings, widest first: no padding between them (multi_job has a job per workload task).
  // Over the limit a new run is SKIPPED (result MAXIMUM_CONCURRENT_RUNS_REACHED), or waits QUEUED
  // when `queue` is on, for at most `max_queue_wait`, then is skipped. 0: every new run is skipped.
  Duration max_queue_wait = Duration::hours(48);
  std::uint32_t max_concurrent_runs = 1;
  bool queue = false;
  EvaluationMode evaluation = EvaluationMode::kAllDone;
  RollbackScope rollback = RollbackScope::kNone;
  // Null when all unset. Immutable, so jobs (and their copies) may share one: the setters below
  // replace it.
  std::shared_ptr<const RareJobSettings> rare;

  const Notifications& notifications() const { return rare_settings().notifications; }
  std::optional<Duration> timeout() const { return rare_settings().timeout; }
  std::optional<std::uint32_t> retry_budget() const { return rare_settings().retry_budget; }
  const RareJobSettings& rare_settings() const { return rare ? *rare : kUnsetRareJobSettings; }
  void set_notifications(const Notifications& notifications) {
    RareJobSettings r = rare_settings();
    r.notifications = notifications;
    set_rare(std::move(r));
  }
  void set_timeout(std::optional<Duration> timeout) {
    RareJobSettings r = rare_settings();
    r.timeout = timeout;
    set_rare(std::move(r));
  }
  void set_retry_budget(std::optional<std::uint32_t> budget) {
    RareJobSettings r = rare_settings();
    r.retry_budget = budget;
    set_rare(std::move(r));
  }
  void set_rare(RareJobSettings r) {
    rare = r == RareJobSettings{} ? nullptr : std::make_shared<const RareJobSettings>(std::move(r));
  }
};

// Checks what the Dag cannot: outcome gates only on edges from condition tasks, condition and
// for_each settings, run_job targets within `job_count`. Adds one diagnostic per problem.
void validate(const JobSpec& job, std::size_t job_count, Diagnostics& diagnostics);

}  // namespace orchsim
