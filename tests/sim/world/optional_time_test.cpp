// OptionalTime reads like std::optional<SimTime> in half its size, and ClusterInstance, which keeps
// two of them per instance for the whole run, stays at its 56 bytes (issue #15).
#include <doctest/doctest.h>

#include "sim/world/cluster_instance.h"
#include "sim/world/optional_time.h"

using namespace orchsim;

TEST_CASE("OptionalTime: empty until set, then its time; reset empties it") {
  sim::OptionalTime t;
  CHECK_FALSE(t.has_value());
  CHECK_FALSE(t);
  CHECK(t.value_or(SimTime::zero() + Duration::seconds(9)) == SimTime::zero() + Duration::seconds(9));
  t = SimTime::zero();  // zero is a time like any other, not "none"
  CHECK(t.has_value());
  CHECK(*t == SimTime::zero());
  t = SimTime::zero() + Duration::seconds(3);
  CHECK(bool(t));
  CHECK(*t == SimTime::zero() + Duration::seconds(3));
  CHECK(t.value_or(SimTime::zero()) == SimTime::zero() + Duration::seconds(3));
  t.reset();
  CHECK_FALSE(t.has_value());
}

TEST_CASE("OptionalTime and ClusterInstance sizes") {
  CHECK(sizeof(sim::OptionalTime) == 8);
  // compute + run 8, requested + up + terminated 24, two doubles 16, task_cores + slot 8.
  CHECK(sizeof(sim::ClusterInstance) == 8 + 24 + 16 + 8);
}
