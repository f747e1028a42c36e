// TaskSpecs: per-task settings read like a vector, with equal neighbours sharing one stored spec.
// Expected counts are worked out here from the pushes.
#include <doctest/doctest.h>

#include "engine/job.h"

using namespace orchsim;

namespace {

TaskSpec on(std::uint32_t compute) { return TaskSpec{.compute = ComputeId(compute)}; }

}  // namespace

TEST_SUITE("engine.job") {
  TEST_CASE("push_back shares the last stored spec when equal, and every task reads its own settings") {
    TaskSpecs specs;
    specs.push_back(on(0));
    specs.push_back(on(0));  // equal to the last: shared
    specs.push_back(on(1));  // differs: stored
    specs.push_back(on(1));  // shared
    specs.push_back(on(0));  // differs from the last stored (compute 1): stored again
    CHECK(specs.size() == 5);
    CHECK(specs.stored() == 3);
    const std::uint32_t expected[] = {0, 0, 1, 1, 0};
    for (std::size_t i = 0; i < specs.size(); ++i) CHECK(specs[i].compute == ComputeId(expected[i]));
  }

  TEST_CASE("a setting other than the compute also keeps specs apart") {
    TaskSpecs specs;
    TaskSpec retried = on(0);
    retried.retry.max_retries = 2;
    specs.push_back(on(0));
    specs.push_back(retried);
    TaskSpec writer = on(0);
    writer.writes.push_back(TableId(3));
    specs.push_back(writer);
    CHECK(specs.stored() == 3);
    CHECK(specs[0].retry.max_retries == 0u);
    CHECK(specs[1].retry.max_retries == 2u);
    CHECK(specs[2].writes.size() == 1);
  }

  TEST_CASE("set() changes one task; the tasks that shared its spec keep theirs") {
    TaskSpecs specs;
    for (int i = 0; i < 3; ++i) specs.push_back(on(7));
    CHECK(specs.stored() == 1);
    specs.set(1, on(8));
    CHECK(specs[0].compute == ComputeId(7));
    CHECK(specs[1].compute == ComputeId(8));
    CHECK(specs[2].compute == ComputeId(7));
  }

  TEST_CASE("run_job tasks naming different jobs share one spec; each keeps its own child job") {
    TaskSpecs specs;
    const TaskSpec run{.kind = TaskKind::kRunJob};
    specs.push_back(on(0));  // a work task: no child job
    for (std::uint32_t j = 1; j <= 3; ++j) specs.push_back(run, JobId(j));
    specs.push_back(on(0));  // after the last run_job task
    CHECK(specs.size() == 5);
    CHECK(specs.stored() == 3);  // on(0), run, on(0) again
    CHECK_FALSE(specs.child_job(0).valid());
    for (std::uint32_t j = 1; j <= 3; ++j) CHECK(specs.child_job(j) == JobId(j));
    CHECK_FALSE(specs.child_job(4).valid());
    specs.assign(2, run);  // assign() names no child job
    CHECK_FALSE(specs.child_job(0).valid());
  }
}
