// WorkloadTask keeps a dependency's line and column only; its location is in the task's file.
// Workload::dag reports a bad dependency there (a valid graph is built without locations, from
// index edges when no edge is gated).
#include <doctest/doctest.h>

#include <string>

#include "models/workload.h"

using namespace orchsim;

TEST_SUITE("models.workload") {
  TEST_CASE("a plain task is 160 bytes (issue #15)") {
    // LP64: key 32 + dependencies 8 + where 12 and cores 4 + duration 8 + run_if and disabled 8 +
    // failure_probability 8 + rare 8 + placement 8 + retry 32 + orchestration 8 + writes 8 +
    // alerts 8 + command 8.
    static_assert(sizeof(void*) != 8 || sizeof(models::WorkloadTask) == 160);
    const models::WorkloadTask t;
    CHECK(t.cores == 1);
    CHECK(t.rare->mem_gib == 0);  // the rare settings read as their defaults, unset
    CHECK(t.rare->permanent_failure_probability == 0);
    CHECK(t.rare->failure_rate_per_hour == 0);
    CHECK_FALSE(t.rare->duration_distribution);
    CHECK_FALSE(t.rare->timeout);
    CHECK_FALSE(t.placement->group);
    CHECK(t.writes->tables.empty());
    CHECK_FALSE(t.alerts->any());
    CHECK_FALSE(t.is_condition());
  }

  TEST_CASE("a dependency is located in its task's file, or at the task when not located") {
    models::WorkloadTask t{.key = "b", .depends_on = {{"a", {7, 19}}, {"c", {8, 19}}}, .where = {"dir/pipeline.yaml", 6, 7}};
    const SourceLocation first = t.dependency_where(0);
    CHECK(first.file == "dir/pipeline.yaml");
    CHECK(first.line == 7);
    CHECK(first.column == 19);
    CHECK(t.dependency_where(1).line == 8);
    t.depends_on = {{"a"}, {"c"}};
    CHECK(t.dependency_where(1).line == 6);
    CHECK(t.dependency_where(1).column == 7);
  }

  TEST_CASE("dag: an unknown dependency is reported at the dependency, a valid graph has no diagnostics") {
    models::Workload w;
    w.tasks.push_back({.key = "a", .where = {"p.yaml", 3, 7}});
    w.tasks.push_back({.key = "b", .depends_on = {{"a", {5, 20}}, {"ghost", {5, 23}}}, .where = {"p.yaml", 4, 7}});
    Diagnostics diagnostics;
    CHECK_FALSE(w.dag(diagnostics).has_value());
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(diagnostics.items()[0].to_string() == "p.yaml:5:23: workload: task 'b' depends on unknown task 'ghost'");

    w.tasks[1].depends_on = {{"a", {5, 20}}};
    Diagnostics none;
    const auto dag = w.dag(none);
    REQUIRE(dag.has_value());
    CHECK(none.empty());
    CHECK(dag->size() == 2);
  }

  TEST_CASE("dag: upstream lists in the order written, with or without an outcome gate") {
    // c depends on b then a; b on a. Without a gate every edge is kNone; a gate is kept on its edge.
    models::Workload w;
    w.tasks.push_back({.key = "c", .depends_on = {{"b"}, {"a"}}});
    w.tasks.push_back({.key = "a"});
    w.tasks.push_back({.key = "b", .depends_on = {{"a"}}});
    const auto check = [](const Dag& dag, EdgeGate first) {
      REQUIRE(dag.size() == 3);
      const auto up = dag.upstream(TaskId(0));
      REQUIRE(up.size() == 2);
      CHECK(up[0] == TaskId(2));
      CHECK(up[1] == TaskId(1));
      CHECK(dag.upstream_gates(TaskId(0))[0] == first);
      CHECK(dag.upstream_gates(TaskId(0))[1] == EdgeGate::kNone);
      CHECK(dag.upstream(TaskId(2)).size() == 1);
      CHECK(dag.topological_order().front() == TaskId(1));  // a has no upstream task
      CHECK(dag.find("b") == TaskId(2));
    };
    Diagnostics none;
    const auto plain = w.dag(none);
    REQUIRE(plain.has_value());
    check(*plain, EdgeGate::kNone);
    w.tasks[0].depends_on = {{"b", {}, EdgeGate::kTrue}, {"a"}};
    const auto gated = w.dag(none);
    REQUIRE(gated.has_value());
    check(*gated, EdgeGate::kTrue);
    CHECK(none.empty());
  }

  TEST_CASE("dag: a duplicate key is reported at the task, as Dag::build says") {
    models::Workload w;
    w.tasks.push_back({.key = "a", .where = {"p.yaml", 3, 7}});
    w.tasks.push_back({.key = "a", .where = {"p.yaml", 4, 7}});
    Diagnostics diagnostics;
    CHECK_FALSE(w.dag(diagnostics).has_value());
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(diagnostics.items()[0].to_string() == "p.yaml:4:7: workload: duplicate task_key 'a' (first defined at line 3)");
  }

  TEST_CASE("check_dag keeps the graph: dag() then shares it, until tasks are added") {
    models::Workload w;
    w.tasks.push_back({.key = "a"});
    w.tasks.push_back({.key = "b", .depends_on = {{"a"}}});
    Diagnostics none;
    CHECK_FALSE(w.dag(none)->shares_storage_with(*w.dag(none)));  // unchecked: built each time
    w.check_dag(none);
    REQUIRE(w.checked_dag);
    CHECK(w.dag(none)->shares_storage_with(*w.checked_dag));
    const models::Workload copy = w;
    CHECK(copy.dag(none)->shares_storage_with(*w.checked_dag));
    w.tasks.push_back({.key = "c"});  // the checked graph no longer fits: built again
    CHECK(w.dag(none)->size() == 3);
    CHECK(none.empty());

    w.tasks.push_back({.key = "d", .depends_on = {{"ghost"}}});
    Diagnostics problems;
    w.check_dag(problems);
    CHECK(problems.items().size() == 1);
    CHECK_FALSE(w.checked_dag);  // an invalid graph is not kept
  }

  TEST_CASE("release_written_dependencies: the checked graph keeps the edges, depends_on is freed") {
    models::Workload w;
    w.tasks.push_back({.key = "a"});
    w.tasks.push_back({.key = "b"});
    w.tasks.push_back({.key = "c", .depends_on = {{"a"}, {"b"}}});
    w.release_written_dependencies();  // no checked graph yet: nothing to fall back on, kept
    CHECK(w.tasks[2].depends_on.size() == 2);

    Diagnostics none;
    w.check_dag(none);
    REQUIRE(w.checked_dag);
    w.release_written_dependencies();
    for (const auto& t : w.tasks) CHECK(t.depends_on.empty());
    // c (TaskId 2) still depends on a and b (0 and 1), in the order written; the graph is the same one.
    const auto dag = w.dag(none);
    REQUIRE(dag);
    CHECK(dag->shares_storage_with(*w.checked_dag));
    const auto up = dag->upstream(TaskId(2));
    REQUIRE(up.size() == 2);
    CHECK(up[0] == TaskId(0));
    CHECK(up[1] == TaskId(1));
    CHECK(dag->upstream(TaskId(0)).empty());
    CHECK(none.empty());
  }
}
