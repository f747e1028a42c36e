// The profile keys `orchsim fit` writes (docs/databricks.md "The profile"): a task's `duration` as a
// distribution (its median stands for the task, each attempt draws from it) and `startup.<compute>`,
// applied by the Databricks mapper to the job cluster of that key; bad values at their line:col.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/input/databricks_job_mapper.h"
#include "sim/input/profile_loader.h"
#include "tests/sim/input/databricks_test_source.h"

namespace orchsim::sim {
namespace {

using testing::fixture_source;
using testing::fixture_text;

TEST_CASE("profile: a duration distribution and a compute's startup reach the workload and the cluster") {
  Profile p = parse_profile(fixture_text("profile.yml"), "profile.yml");
  const Profile fitted = parse_profile("startup: {shared: {lognormal: {median: 2m, p95: 3m}}}\n"
                                       "tasks:\n  - {match: ingest, duration: {empirical: [1m, 2m, 9m]}}\n",
                                       "p.yml");
  p.tasks.insert(p.tasks.end(), fitted.tasks.begin(), fitted.tasks.end());
  p.startups = fitted.startups;
  const DatabricksImport in = map_databricks_job(fixture_source("etl_bundle.yml"), p, "");
  const auto& tasks = in.scenario.workload.tasks;
  const auto ingest = std::find_if(tasks.begin(), tasks.end(), [](const auto& t) { return t.key == "ingest"; });
  REQUIRE(ingest != tasks.end());
  CHECK(ingest->duration == Duration::minutes(2));  // the median of 1m, 2m, 9m
  REQUIRE(ingest->rare->duration_distribution.has_value());
  CHECK(ingest->rare->duration_distribution->parameters() == std::vector<double>{60, 120, 540});
  const auto& clusters = in.scenario.strategies.front().clusters;
  const auto shared = std::find_if(clusters.begin(), clusters.end(), [](const auto& c) { return c.name == "shared"; });
  REQUIRE(shared != clusters.end());
  CHECK(shared->cluster.startup.quantile(0.5) == doctest::Approx(120));
  CHECK(shared->cluster.startup.quantile(0.95) == doctest::Approx(180));
}

TEST_CASE("profile: a fixed duration given later replaces an earlier distribution") {
  const Profile p = parse_profile("tasks:\n  - {match: a, duration: {lognormal: {median: 1m, p95: 2m}}}\n"
                                  "  - {match: a, duration: 5m}\n",
                                  "p.yml");
  WorkProfile w;
  for (const auto& rule : p.tasks) w.apply(rule.work);
  CHECK(*w.duration == Duration::minutes(5));
  CHECK_FALSE(w.duration_distribution.has_value());
}

TEST_CASE("profile: a bad startup or duration distribution is reported at its line:col") {
  try {
    (void)parse_profile("startup: {main: {normal: 3m}}\n", "p.yml");
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.diagnostics().empty());
    CHECK(e.diagnostics()[0].to_string().rfind("p.yml:1:", 0) == 0);
  }
  try {
    (void)parse_profile("tasks:\n  - {match: a, duration: {lognormal: {median: 2m, p95: 1m}}}\n", "p.yml");
    FAIL("accepted");
  } catch (const InputError& e) {
    REQUIRE_FALSE(e.diagnostics().empty());
    CHECK(e.diagnostics()[0].to_string().rfind("p.yml:2:", 0) == 0);
  }
}

}  // namespace
}  // namespace orchsim::sim
