// Table commits and rollback scopes, alerts and their options, and the JSONL event log.
#include <doctest/doctest.h>

#include <sstream>

#include "engine/event_log.h"
#include "engine/memory_table_store.h"
#include "tests/engine/harness.h"

using namespace orchsim;
using namespace orchsim::testing;

namespace {

const Duration k1s = Duration::seconds(1);

TaskSpec writes(std::vector<TableId> tables) { return {.writes = std::move(tables)}; }

// Restoring takes 2 minutes per version rolled back.
struct PerVersion final : RestoreTiming {
  Duration restore_duration(TableId, std::uint64_t from, std::uint64_t to) override {
    return Duration::minutes(2) * static_cast<std::int64_t>(from - to);
  }
};

}  // namespace

TEST_SUITE("engine.tables") {
  TEST_CASE("a successful attempt commits one version per table; a failed one commits nothing") {
    MemoryTableStore store;
    const TableId bronze = store.add_table("bronze", 11), silver = store.add_table("silver", 22);
    TaskSpec silver_task = writes({silver});
    silver_task.retry.max_retries = 1;
    Harness h(job_of({{"ingest", {}, writes({bronze})}, {"refine", {"ingest"}, silver_task}}), EngineOptions{.tables = &store});
    h.runner.script("refine", {{k1s, kFail}, {k1s, kOk}});
    h.run_to_end();
    CHECK(store.history(bronze).size() == 2);
    REQUIRE(store.history(silver).size() == 2);  // one commit, by the second (successful) attempt
    const TableVersion& v = store.current(silver);
    CHECK(v.kind == VersionKind::kCommit);
    CHECK(v.info.task == h.id("refine"));
    const auto finished = h.events<AttemptFinished>();
    for (const auto& f : finished) {
      if (f.attempt == v.info.attempt) CHECK(f.result.succeeded);
    }
  }

  TEST_CASE("job scope: on failure every table the run wrote returns to its start version, as a new version") {
    MemoryTableStore store;
    const TableId bronze = store.add_table("bronze", 11), silver = store.add_table("silver", 22);
    JobSpec job = job_of({{"ingest", {}, writes({bronze})}, {"ingest2", {"ingest"}, writes({bronze})},
                          {"refine", {"ingest2"}, writes({silver})}});
    job.rollback = RollbackScope::kJob;
    PerVersion timing;
    Harness h(std::move(job), EngineOptions{.tables = &store, .restore_timing = &timing});
    h.runner.script("refine", {{k1s, kFail}});
    const RunId run = h.run_to_end();
    // bronze: v0 (11), v1, v2 by the ingests, v3 = restore of v0.
    const auto hist = store.history(bronze);
    REQUIRE(hist.size() == 4);
    CHECK(hist[3].kind == VersionKind::kRestore);
    CHECK(hist[3].restored_from == 0);
    CHECK(hist[3].content == 11);
    CHECK(store.history(silver).size() == 1);  // never committed: nothing to restore
    // The failure is known at 3 s; restoring 2 versions takes 4 min: the run's cleanup.
    CHECK(h.engine.run(run).timing().cleanup == Duration::minutes(4));
    CHECK(h.engine.run(run).finished() == at(Duration::seconds(3) + Duration::minutes(4)));
    CHECK(h.engine.run(run).result() == JobResult::kFailed);
    const auto restored = h.events<TableRestored>();
    REQUIRE(restored.size() == 1);
    CHECK(restored[0].version == 3);
  }

  TEST_CASE("scope none restores nothing; a successful run restores nothing") {
    for (bool fail : {true, false}) {
      MemoryTableStore store;
      const TableId t = store.add_table("t");
      JobSpec job = job_of({{"w", {}, writes({t})}, {"x", {"w"}}});
      job.rollback = fail ? RollbackScope::kNone : RollbackScope::kJob;
      Harness h(std::move(job), EngineOptions{.tables = &store});
      if (fail) h.runner.script("x", {{k1s, kFail}});
      h.run_to_end();
      CHECK(store.history(t).size() == 2);
    }
  }

  TEST_CASE("task scope undoes partial for_each commits and keeps completed tasks' output") {
    MemoryTableStore store;
    const TableId done = store.add_table("done"), part = store.add_table("part");
    TaskSpec each{.kind = TaskKind::kForEach, .for_each = {.inputs = 3, .concurrency = 1},
                  .writes = {part}};
    JobSpec job = job_of({{"first", {}, writes({done})}, {"loop", {"first"}, each}});
    job.rollback = RollbackScope::kTask;
    Harness h(std::move(job), EngineOptions{.tables = &store});
    h.runner.script("loop#2", {{k1s, kFail}});
    h.run_to_end();
    CHECK(store.history(done).size() == 2);  // kept
    const auto hist = store.history(part);
    REQUIRE(hist.size() == 4);  // v0, two iteration commits, restore of v0
    CHECK(hist.back().kind == VersionKind::kRestore);
    CHECK(hist.back().content == hist[0].content);
  }

  TEST_CASE("pipeline scope restores what child runs wrote; job scope leaves it") {
    for (RollbackScope scope : {RollbackScope::kPipeline, RollbackScope::kJob}) {
      MemoryTableStore store;
      const TableId t = store.add_table("gold", 5);
      TaskSpec call{.kind = TaskKind::kRunJob};
      std::vector<JobSpec> jobs;
      jobs.push_back(job_of({{"call", {}, call, {}, JobId(1)}, {"check", {"call"}}}, "parent"));
      jobs.push_back(job_of({{"write_gold", {}, writes({t})}}, "child"));
      jobs[0].rollback = scope;
      Harness h(std::move(jobs), EngineOptions{.tables = &store});
      h.runner.script("check", {{k1s, kFail}});
      h.run_to_end();
      CHECK(store.current(t).content == (scope == RollbackScope::kPipeline ? 5u : store.history(t)[1].content));
    }
  }

  TEST_CASE("a repair after a job rollback reruns the tasks whose output was undone") {
    MemoryTableStore store;
    const TableId t = store.add_table("t");
    JobSpec job = job_of({{"w", {}, writes({t})}, {"x", {"w"}}});
    job.rollback = RollbackScope::kJob;
    Harness h(std::move(job), EngineOptions{.tables = &store});
    h.runner.script("x", {{k1s, kFail}, {k1s, kOk}});
    const RunId run = h.run_to_end();
    REQUIRE(h.engine.repair_run(run, {}).repair_id);
    h.runtime.run();
    CHECK(h.starts_of("w").size() == 2);
    CHECK(h.engine.run(run).result() == JobResult::kSuccess);
    CHECK(store.current(t).kind == VersionKind::kCommit);
  }
}

TEST_SUITE("engine.alerts") {
  std::vector<AlertKind> kinds(const RecordingAlertSink& sink) {
    std::vector<AlertKind> out;
    for (const auto& a : sink.alerts()) out.push_back(a.kind);
    return out;
  }

  TEST_CASE("task alerts per attempt, and alert_on_last_attempt") {
    for (bool last_only : {false, true}) {
      TaskSpec t{.retry = {.max_retries = 2},
                 .notifications = {.on_start = true, .on_success = true, .on_failure = true, .on_retry = true,
                                   .alert_on_last_attempt = last_only}};
      RecordingAlertSink sink;
      Harness h(job_of({{"a", {}, t}}), EngineOptions{.alerts = &sink});
      h.runner.script("a", {{k1s, kFail}, {k1s, kFail}, {k1s, kOk}});
      h.run_to_end();
      using K = AlertKind;
      if (last_only) {
        // on_start only for the first attempt; failures held back; the retries and the success.
        CHECK(kinds(sink) == std::vector<K>{K::kStart, K::kRetry, K::kRetry, K::kSuccess});
      } else {
        CHECK(kinds(sink) == std::vector<K>{K::kStart, K::kFailure, K::kRetry, K::kStart, K::kFailure, K::kRetry,
                                            K::kStart, K::kSuccess});
      }
      CHECK(h.events<AlertRaised>().size() == sink.alerts().size());
    }
  }

  TEST_CASE("a final failure alerts once with alert_on_last_attempt") {
    TaskSpec t{.retry = {.max_retries = 1},
               .notifications = {.on_failure = true, .alert_on_last_attempt = true}};
    RecordingAlertSink sink;
    Harness h(job_of({{"a", {}, t}}), EngineOptions{.alerts = &sink});
    h.runner.script("a", {{k1s, kFail}, {k1s, kFail}});
    h.run_to_end();
    REQUIRE(sink.alerts().size() == 1);
    CHECK(sink.alerts()[0].kind == AlertKind::kFailure);
    CHECK(sink.alerts()[0].attempt == 2);
    CHECK(sink.alerts()[0].time == at(Duration::seconds(2)));
  }

  TEST_CASE("job alerts: skipped and canceled runs can be silenced") {
    for (bool silence : {false, true}) {
      JobSpec job = job_of({{"a"}});
      job.set_notifications({.on_failure = true, .no_alert_for_skipped_runs = silence, .no_alert_for_canceled_runs = silence});
      RecordingAlertSink sink;
      Harness h(std::move(job), EngineOptions{.alerts = &sink});
      const RunId first = h.engine.start_run(JobId(0));
      h.engine.start_run(JobId(0));  // skipped: max_concurrent_runs = 1
      h.engine.cancel_run(first);
      h.runtime.run();
      CHECK(sink.alerts().size() == (silence ? 0u : 2u));
    }
  }

  TEST_CASE("duration warnings fire once the threshold passes, only for runs still going") {
    JobSpec job = job_of({{"slow", {}, {.notifications = {.duration_warning = Duration::minutes(1)}}},
                          {"quick", {}, {.notifications = {.duration_warning = Duration::minutes(1)}}}});
    job.set_notifications({.duration_warning = Duration::minutes(2)});
    RecordingAlertSink sink;
    Harness h(std::move(job), EngineOptions{.alerts = &sink});
    h.runner.script("slow", {{Duration::minutes(3), kOk}});
    h.runner.script("quick", {{Duration::seconds(30), kOk}});
    h.run_to_end();
    REQUIRE(sink.alerts().size() == 2);
    CHECK(sink.alerts()[0].task == h.id("slow"));
    CHECK(sink.alerts()[0].time == at(Duration::minutes(1)));
    CHECK_FALSE(sink.alerts()[1].task.valid());  // the job-level one
    CHECK(sink.alerts()[1].time == at(Duration::minutes(2)));
  }

  // A retry is a new task run ("subsequent runs are created ... with an incrementing attempt_number",
  // Jobs API RunTask.attempt_number) and RUN_DURATION_SECONDS is the "expected total time for a run"
  // (bundle schema, jobs.JobsHealthMetric): the task's warning clock restarts with each attempt.
  TEST_CASE("a task's duration warning is measured per attempt, not across retries") {
    const Notifications warn{.duration_warning = Duration::minutes(5)};
    JobSpec job = job_of({{"flaky", {}, {.retry = {.max_retries = 1}, .notifications = warn}}});
    RecordingAlertSink sink;
    Harness h(std::move(job), EngineOptions{.alerts = &sink});
    // Attempt 1 fails at 4 min; attempt 2 starts at once and runs 6 min: it passes 5 min at 9 min.
    h.runner.script("flaky", {{Duration::minutes(4), kFail}, {Duration::minutes(6), kOk}});
    h.run_to_end();
    REQUIRE(sink.alerts().size() == 1);
    CHECK(sink.alerts()[0].kind == AlertKind::kDurationWarning);
    CHECK(sink.alerts()[0].time == at(Duration::minutes(9)));
    CHECK(sink.alerts()[0].attempt == 2);
  }

  TEST_CASE("dedup and rate limiting keep one incident from becoming a storm") {
    // 10 tasks all fail at t = 1 s (one incident); at most 3 alerts per hour get through.
    std::vector<TaskDef> tasks;
    for (int i = 0; i < 10; ++i) {
      tasks.push_back({fmt::format("t{}", i), {}, {.notifications = {.on_failure = true}}});
    }
    RecordingAlertSink sink;
    Harness h(job_of(tasks), EngineOptions{.alerts = &sink, .alert_policy = {.max_per_window = 3}});
    for (int i = 0; i < 10; ++i) h.runner.script(fmt::format("t{}", i), {{k1s, kFail}});
    h.run_to_end();
    CHECK(sink.alerts().size() == 3);
    CHECK(h.engine.alerts_suppressed() == 7);
    CHECK(h.events<AlertSuppressed>().size() == 7);
  }

  TEST_CASE("the dedup window drops repeats of the same (job, task, kind)") {
    AlertGate gate({.dedup_window = Duration::minutes(10)});
    const Alert a{.time = at(Duration::zero()), .kind = AlertKind::kFailure, .job = JobId(0), .task = TaskId(1)};
    Alert later = a, other = a, much_later = a;
    later.time = at(Duration::minutes(5));
    other.task = TaskId(2);
    much_later.time = at(Duration::minutes(10));
    CHECK(gate.admit(a));
    CHECK_FALSE(gate.admit(later));
    CHECK(gate.admit(other));
    CHECK(gate.admit(much_later));
    CHECK(gate.suppressed() == 1);
  }
}

TEST_SUITE("engine.event_log") {
  TEST_CASE("one JSON object per event, stable field names, escaped strings") {
    JobSpec job = job_of({{"say \"hi\"\n"}, {"b", {"say \"hi\"\n"}}}, "etl\\daily");
    Harness h(std::move(job));
    h.runner.script("b", {{k1s, kFail}});
    h.run_to_end();
    std::ostringstream out;
    JsonlEventLog log(out, h.jobs);
    for (const auto& e : h.trace.events()) log.on_event(e);
    std::istringstream lines(out.str());
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);) all.push_back(line);
    REQUIRE(all.size() == h.trace.events().size());
    CHECK(all.front() == R"({"t_us":0,"event":"run_started","run":0,"job":0,"job_name":"etl\\daily"})");
    CHECK(all[1] == R"({"t_us":0,"event":"task_started","run":0,"task":0,"task_key":"say \"hi\"\n"})");
    CHECK(all.back() ==
          R"({"t_us":2000000,"event":"run_finished","run":0,"job":0,"job_name":"etl\\daily","result":"FAILED",)"
          R"("queue_us":0,"setup_us":0,"execution_us":2000000,"cleanup_us":0,"run_duration_us":2000000})");
    bool saw_failure = false;
    for (const auto& l : all) {
      CHECK(l.front() == '{');
      CHECK(l.back() == '}');
      saw_failure |= l.find(R"("event":"attempt_finished")") != std::string::npos &&
                     l.find(R"("failure":"task_error")") != std::string::npos;
    }
    CHECK(saw_failure);
  }
}
