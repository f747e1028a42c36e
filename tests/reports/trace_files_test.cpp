// reports::trace_files: the two files of `compare --trace DIR/<strategy>/`, byte for byte.
#include <doctest/doctest.h>

#include "reports/trace_files.h"

using namespace orchsim;

TEST_SUITE("reports.trace_files") {
  TEST_CASE("tasks.csv: one row per task, seconds to six decimals, empty when it never happened") {
    sim::StrategyTrace t{.strategy = "s", .outcome = JobResult::kFailed, .events_jsonl = "{\"t_us\":0}\n", .tasks = {}};
    t.tasks.push_back({"a", TaskResult::kFailed, 3, SimTime::zero(), SimTime::zero() + Duration::seconds(600)});
    t.tasks.push_back({"b", TaskResult::kUpstreamFailed, 0, std::nullopt, SimTime::zero() + Duration::millis(1500)});
    t.tasks.push_back({"=c", TaskResult::kNone, 0, std::nullopt, std::nullopt});  // a formula-looking key
    const auto files = reports::trace_files(t);
    REQUIRE(files.size() == 2);
    CHECK(files[0].name == "events.jsonl");
    CHECK(files[0].content == "{\"t_us\":0}\n");
    CHECK(files[1].name == "tasks.csv");
    CHECK(files[1].content ==
          "task,state,attempts,start_s,end_s\n"
          "a,FAILED,3,0.000000,600.000000\n"
          "b,UPSTREAM_FAILED,0,,1.500000\n"
          "'=c,,0,,\n");
  }
}
