// RunOrdinals numbers the runs of each workload task in the order they first execute it, each
// task on its own, and gives a run the same number every time it asks again.
#include <doctest/doctest.h>

#include "sim/world/run_ordinals.h"

using namespace orchsim;

TEST_CASE("RunOrdinals: each task's runs numbered 0, 1, 2… in order of first sight") {
  sim::RunOrdinals ordinals(3);
  CHECK(ordinals.of(TaskId(0), RunId(5)) == 0);
  CHECK(ordinals.of(TaskId(0), RunId(5)) == 0);  // its retry: the same run
  CHECK(ordinals.of(TaskId(0), RunId(7)) == 1);
  CHECK(ordinals.of(TaskId(1), RunId(7)) == 0);  // another task counts on its own
  CHECK(ordinals.of(TaskId(0), RunId(2)) == 2);  // by first sight, not by run id
  CHECK(ordinals.of(TaskId(0), RunId(7)) == 1);
  CHECK(ordinals.of(TaskId(2), RunId(0)) == 0);
  CHECK(ordinals.of(TaskId(1), RunId(5)) == 1);
}
