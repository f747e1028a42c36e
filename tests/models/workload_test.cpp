// WorkloadTask keeps a dependency's line and column only; its location is in the task's file.
// Workload::dag reports a bad dependency there (a valid graph is built without locations).
#include <doctest/doctest.h>

#include <string>

#include "models/workload.h"

using namespace orchsim;

TEST_SUITE("models.workload") {
  TEST_CASE("a dependency is located in its task's file, or at the task when not located") {
    models::WorkloadTask t{.key = "b", .depends_on = {"a", "c"}, .depends_where = {{7, 19}, {8, 19}},
                           .where = {"dir/pipeline.yaml", 6, 7}};
    const SourceLocation first = t.dependency_where(0);
    CHECK(first.file == "dir/pipeline.yaml");
    CHECK(first.line == 7);
    CHECK(first.column == 19);
    CHECK(t.dependency_where(1).line == 8);
    t.depends_where.clear();
    CHECK(t.dependency_where(1).line == 6);
    CHECK(t.dependency_where(1).column == 7);
  }

  TEST_CASE("dag: an unknown dependency is reported at the dependency, a valid graph has no diagnostics") {
    models::Workload w;
    w.tasks.push_back({.key = "a", .where = {"p.yaml", 3, 7}});
    w.tasks.push_back({.key = "b", .depends_on = {"a", "ghost"}, .depends_where = {{5, 20}, {5, 23}},
                       .where = {"p.yaml", 4, 7}});
    Diagnostics diagnostics;
    CHECK_FALSE(w.dag(diagnostics).has_value());
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(diagnostics.items()[0].to_string() == "p.yaml:5:23: workload: task 'b' depends on unknown task 'ghost'");

    w.tasks[1].depends_on = {"a"};
    w.tasks[1].depends_where = {{5, 20}};
    Diagnostics none;
    const auto dag = w.dag(none);
    REQUIRE(dag.has_value());
    CHECK(none.empty());
    CHECK(dag->size() == 2);
  }
}
