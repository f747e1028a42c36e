// TaskSpecs: per-task settings read like a vector, with equal neighbours (and, when a planner hands
// the same shared spec to several jobs, tasks of other jobs) sharing one stored spec; each task's
// compute and child job kept beside the settings. Expected counts are worked out here from the pushes.
#include <doctest/doctest.h>

#include <memory>
#include <optional>

#include "engine/job.h"

using namespace orchsim;

namespace {

TaskSpec retried(std::uint32_t retries) { return TaskSpec{.retry = {.max_retries = retries}}; }

}  // namespace

TEST_SUITE("engine.job") {
  TEST_CASE("push_back shares the last stored spec when equal, and every task reads its own settings") {
    TaskSpecs specs;
    specs.push_back(retried(0));
    specs.push_back(retried(0));  // equal to the last: shared
    specs.push_back(retried(1));  // differs: stored
    specs.push_back(retried(1));  // shared
    specs.push_back(retried(0));  // differs from the last stored (1 retry): stored again
    CHECK(specs.size() == 5);
    CHECK(specs.stored() == 3);
    const std::uint32_t expected[] = {0, 0, 1, 1, 0};
    for (std::size_t i = 0; i < specs.size(); ++i) CHECK(specs[i].retry.max_retries == expected[i]);
  }

  TEST_CASE("a setting other than the retries also keeps specs apart") {
    TaskSpecs specs;
    TaskSpec timed;
    timed.timeout = Duration::seconds(30);
    specs.push_back(TaskSpec{});
    specs.push_back(timed);
    TaskSpec writer;
    writer.writes.push_back(TableId(3));
    specs.push_back(writer);
    CHECK(specs.stored() == 3);
    CHECK_FALSE(specs[0].timeout.has_value());
    CHECK(specs[1].timeout == std::optional<Duration>(Duration::seconds(30)));
    CHECK(specs[2].writes.size() == 1);
  }

  TEST_CASE("tasks on different computes share one spec; each reads its own compute") {
    TaskSpecs specs;
    for (std::uint32_t c : {7u, 8u, 7u}) specs.push_back(TaskSpec{}, {.compute = ComputeId(c)});
    CHECK(specs.stored() == 1);
    CHECK(specs.compute(0) == ComputeId(7));
    CHECK(specs.compute(1) == ComputeId(8));
    CHECK(specs.compute(2) == ComputeId(7));
    CHECK_FALSE(specs.child_job(1).valid());
  }

  TEST_CASE("set() changes one task's settings; the tasks that shared them keep theirs, and its compute stays") {
    TaskSpecs specs;
    for (int i = 0; i < 3; ++i) specs.push_back(retried(0), {.compute = ComputeId(4)});
    CHECK(specs.stored() == 1);
    specs.set(1, retried(2));
    CHECK(specs.stored() == 2);
    CHECK(specs[0].retry.max_retries == 0u);
    CHECK(specs[1].retry.max_retries == 2u);
    CHECK(specs[2].retry.max_retries == 0u);
    CHECK(specs.compute(1) == ComputeId(4));
  }

  TEST_CASE("run_job tasks naming different jobs share one spec; each keeps its own child job") {
    TaskSpecs specs;
    const TaskSpec run{.kind = TaskKind::kRunJob};
    specs.push_back(TaskSpec{}, {.compute = ComputeId(0)});  // a work task: no child job
    for (std::uint32_t j = 1; j <= 3; ++j) specs.push_back(run, {.child_job = JobId(j)});
    specs.push_back(TaskSpec{}, {.compute = ComputeId(0)});  // after the last run_job task
    CHECK(specs.size() == 5);
    CHECK(specs.stored() == 3);  // work, run, work again
    CHECK_FALSE(specs.child_job(0).valid());
    for (std::uint32_t j = 1; j <= 3; ++j) {
      CHECK(specs.child_job(j) == JobId(j));
      CHECK_FALSE(specs.compute(j).valid());
    }
    CHECK_FALSE(specs.child_job(4).valid());
    specs.assign(2, run);  // assign() names no child job unless given one
    CHECK(specs.stored() == 1);
    CHECK_FALSE(specs.child_job(0).valid());
  }

  TEST_CASE("jobs handed the same shared spec hold one copy, which outlives any one of them") {
    const auto shared = std::make_shared<const TaskSpec>(retried(2));
    TaskSpecs a, b;
    a.push_back(shared, {.compute = ComputeId(0)});
    b.push_back(shared, {.compute = ComputeId(1)});
    CHECK(&a[0] == &b[0]);
    CHECK(a.compute(0) == ComputeId(0));
    CHECK(b.compute(0) == ComputeId(1));
    std::optional<TaskSpecs> copy = b;
    b = TaskSpecs{};
    CHECK(&(*copy)[0] == shared.get());
    CHECK(shared.use_count() == 3);  // `shared`, a and the copy
    copy.reset();
    CHECK(shared.use_count() == 2);
    CHECK(a[0].retry.max_retries == 2u);
  }

  TEST_CASE("a copy holds every stored spec of its own: it reads them after the original is gone") {
    std::optional<TaskSpecs> original(std::in_place);
    for (std::uint32_t r : {0u, 1u, 2u}) original->push_back(retried(r), {.compute = ComputeId(r)});
    const TaskSpecs copy = *original;
    original.reset();
    REQUIRE(copy.stored() == 3);
    for (std::uint32_t r : {0u, 1u, 2u}) {
      CHECK(copy[r].retry.max_retries == r);
      CHECK(copy.compute(r) == ComputeId(r));
    }
  }

  TEST_CASE("copies and moves keep every task, whether one (kept inline) or grown past it") {
    for (std::uint32_t n : {1u, 2u, 5u}) {
      CAPTURE(n);
      TaskSpecs specs;
      for (std::uint32_t i = 0; i < n; ++i) specs.push_back(retried(i), {.compute = ComputeId(10 + i)});
      TaskSpecs copy = specs;
      TaskSpecs moved = std::move(specs);
      CHECK(specs.empty());  // NOLINT(bugprone-use-after-move): a moved-from TaskSpecs is empty
      TaskSpecs assigned;
      assigned.push_back(retried(9));
      assigned = copy;
      for (const TaskSpecs* s : {&copy, &moved, &assigned}) {
        REQUIRE(s->size() == n);
        CHECK(s->stored() == n);
        for (std::uint32_t i = 0; i < n; ++i) {
          CHECK((*s)[i].retry.max_retries == i);
          CHECK(s->compute(i) == ComputeId(10 + i));
        }
      }
      specs = std::move(moved);  // back into the moved-from one
      CHECK(specs.size() == n);
      CHECK(specs.compute(n - 1) == ComputeId(10 + n - 1));
    }
  }

  TEST_CASE("assign() of one task and of several, over tasks grown past one") {
    TaskSpecs specs;
    for (std::uint32_t i = 0; i < 3; ++i) specs.push_back(retried(i));
    specs.assign(1, retried(7), {.compute = ComputeId(2)});
    REQUIRE(specs.size() == 1);
    CHECK(specs[0].retry.max_retries == 7u);
    CHECK(specs.compute(0) == ComputeId(2));
    specs.assign(4, retried(8));
    CHECK(specs.size() == 4);
    CHECK(specs.stored() == 1);
    CHECK(specs[3].retry.max_retries == 8u);
  }

  TEST_CASE("a job's rarely set settings: unset costs no object; a setter replaces the shared one, copies keep theirs") {
    JobSpec job;
    CHECK(job.rare == nullptr);
    CHECK_FALSE(job.timeout().has_value());
    CHECK_FALSE(job.notifications().any());
    job.set_timeout(Duration::minutes(5));
    job.set_retry_budget(3);
    REQUIRE(job.rare != nullptr);
    const JobSpec copy = job;
    CHECK(copy.rare == job.rare);  // shared, immutable
    job.set_notifications({.on_failure = true});
    CHECK(copy.rare != job.rare);
    CHECK_FALSE(copy.notifications().on_failure);
    CHECK(job.notifications().on_failure);
    CHECK(job.timeout() == std::optional<Duration>(Duration::minutes(5)));  // the others kept
    CHECK(job.retry_budget() == std::optional<std::uint32_t>(3));
    job.set_rare({});  // all unset again: no object
    CHECK(job.rare == nullptr);
  }

  TEST_CASE("a job is 128 bytes (multi_job makes one per workload task, issue #15)") {
    // LP64: name 32 + dag 16 (the pointer to its shared graph, and which of its tasks it reads,
    // 4 + 4: a one-task job reads its workload's graph instead of a 64-byte block) + tasks 48 (the one task inline, or
    // the pointer to many, 16; size and capacity 4 + 4; first spec 16; the others' pointer 8) +
    // max_queue_wait 8 + max_concurrent_runs 4 + queue, evaluation
    // and rollback 3 (1 of padding) + rare 16.
    static_assert(sizeof(void*) != 8 || sizeof(JobSpec) == 128);
    CHECK(JobSpec{}.dag.size() == 0);
  }
}
