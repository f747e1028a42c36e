#include <doctest/doctest.h>

#include "engine/dag.h"

using namespace orchsim;

namespace {

TaskDecl task(std::string key, std::vector<std::string> deps = {}, int line = 0) {
  return {std::move(key), std::move(deps), {"pipe.yaml", line, 5}, {}};
}

std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) out.push_back(item.to_string());
  return out;
}

}  // namespace

TEST_SUITE("engine.dag") {
  TEST_CASE("a valid DAG has CSR adjacency and a topological order") {
    Diagnostics d;
    auto dag = Dag::build({task("c", {"a", "b"}), task("a"), task("b", {"a"})}, d);
    REQUIRE(dag);
    CHECK(d.empty());
    const TaskId a = *dag->find("a"), b = *dag->find("b"), c = *dag->find("c");
    CHECK(dag->upstream(c).size() == 2);
    CHECK(dag->downstream(a).size() == 2);
    CHECK(dag->is_leaf(c));
    CHECK(!dag->is_leaf(b));
    CHECK(dag->edge_count() == 3);
    const auto order = dag->topological_order();
    REQUIRE(order.size() == 3);
    CHECK(order[0] == a);
    CHECK(order[1] == b);
    CHECK(order[2] == c);
  }

  TEST_CASE("a duplicate task_key is reported with both places") {
    Diagnostics d;
    CHECK(!Dag::build({task("a", {}, 3), task("a", {}, 7)}, d));
    CHECK(messages(d) == std::vector<std::string>{
                             "pipe.yaml:7:5: job: duplicate task_key 'a' (first defined at line 3)"});
  }

  TEST_CASE("an unknown dependency is reported at the dependency") {
    Diagnostics d;
    TaskDecl b = task("b", {"a", "ghost"}, 4);
    b.depends_where = {{"pipe.yaml", 5, 9}, {"pipe.yaml", 6, 9}};
    CHECK(!Dag::build({task("a", {}, 2), b}, d));
    CHECK(messages(d) == std::vector<std::string>{"pipe.yaml:6:9: job: task 'b' depends on unknown task 'ghost'"});
  }

  TEST_CASE("a cycle is reported with its path") {
    Diagnostics d;
    // x depends on z, y on x, z on y: x -> y -> z -> x; w feeds the cycle but is not on it.
    CHECK(!Dag::build({task("w"), task("x", {"z", "w"}, 3), task("y", {"x"}), task("z", {"y"})}, d, "job 'etl'"));
    CHECK(messages(d) == std::vector<std::string>{"pipe.yaml:3:5: job 'etl': dependency cycle: x -> y -> z -> x"});
  }

  TEST_CASE("a self-dependency and a repeated dependency are errors") {
    Diagnostics d;
    CHECK(!Dag::build({task("a", {"a"}, 1), task("b", {"a", "a"}, 2)}, d));
    CHECK(messages(d) == std::vector<std::string>{"pipe.yaml:1:5: job: task 'a' depends on itself",
                                                  "pipe.yaml:2:5: job: task 'b' lists dependency 'a' twice"});
  }

  TEST_CASE("every error is collected, not just the first") {
    Diagnostics d;
    CHECK(!Dag::build({task("a", {"nope"}), task("a"), task("", {})}, d));
    CHECK(d.items().size() == 3);
  }
}
