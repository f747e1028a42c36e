// JobWork: the jobs' work mappings in one flat array. Expected spans are the jobs as added here.
#include <doctest/doctest.h>

#include <vector>

#include "models/job_work.h"

using namespace orchsim;
using models::JobWork;

TEST_SUITE("models.job_work") {
  TEST_CASE("each job reads back the tasks it was added with, in order") {
    JobWork work;
    work.reserve(3, 4);
    work.add_orchestration_job(2);  // job 0: two run_job tasks
    const std::vector<TaskId> one{TaskId(5)};
    const std::vector<TaskId> two{TaskId(7), TaskId::invalid()};
    work.add_job(one);
    work.add_job(two);
    REQUIRE(work.size() == 3);
    REQUIRE(work[0].size() == 2);
    CHECK_FALSE(work[0][0].valid());
    CHECK_FALSE(work[0][1].valid());
    REQUIRE(work[1].size() == 1);
    CHECK(work[1][0] == TaskId(5));
    REQUIRE(work[2].size() == 2);
    CHECK(work[2][0] == TaskId(7));
    CHECK_FALSE(work[2][1].valid());
  }

  TEST_CASE("a job without tasks takes no room and leaves its neighbours apart") {
    JobWork work;
    CHECK(work.size() == 0);
    const std::vector<TaskId> a{TaskId(1)};
    work.add_job(a);
    work.add_job(std::vector<TaskId>{});
    work.add_job(a);
    REQUIRE(work.size() == 3);
    CHECK(work[1].empty());
    CHECK(work[2].size() == 1);
  }
}
