#include <doctest/doctest.h>

#include "engine/dag.h"

#include <fmt/format.h>

using namespace orchsim;

namespace {

TaskDecl task(std::string key, std::vector<std::string> deps = {}, int line = 0) {
  return {std::move(key), std::move(deps), {"pipe.yaml", line, 5}, {}};
}

TaskKeys keys(std::initializer_list<std::string_view> names) {
  TaskKeys out;
  for (std::string_view k : names) out.add(k);
  return out;
}

std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& item : d.items()) out.push_back(item.to_string());
  return out;
}

// a; c a condition; t on c's true branch; j after t and a (TaskIds 0–3 in that order).
Dag gated_graph() {
  TaskDecl t = task("t", {"c"});
  t.depends_outcome = {EdgeGate::kTrue};
  Diagnostics d;
  auto dag = Dag::build({task("a"), task("c"), t, task("j", {"t", "a"})}, d);
  REQUIRE(dag);
  return std::move(*dag);
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

  TEST_CASE("from_edges builds the same graph as build from names") {
    // c depends on a and b, b on a: upstream CSR [a b | - | a].
    Diagnostics d;
    const std::vector<std::uint32_t> begin{0, 2, 2, 3}, up{1, 2, 1};
    auto dag = Dag::from_edges(keys({"c", "a", "b"}), begin, up, d);
    REQUIRE(dag);
    auto named = Dag::build({task("c", {"a", "b"}), task("a"), task("b", {"a"})}, d);
    REQUIRE(named);
    CHECK(d.empty());
    for (std::string_view k : {"a", "b", "c"}) {
      const TaskId t = *dag->find(k);
      CHECK(t == *named->find(k));
      CHECK(dag->key(t) == k);
      CHECK(std::vector(dag->upstream(t).begin(), dag->upstream(t).end()) ==
            std::vector(named->upstream(t).begin(), named->upstream(t).end()));
      CHECK(std::vector(dag->downstream(t).begin(), dag->downstream(t).end()) ==
            std::vector(named->downstream(t).begin(), named->downstream(t).end()));
      CHECK(dag->upstream_gates(t).size() == dag->upstream(t).size());
    }
    CHECK(std::vector(dag->topological_order().begin(), dag->topological_order().end()) ==
          std::vector(named->topological_order().begin(), named->topological_order().end()));
    CHECK(!dag->find("d"));
  }

  TEST_CASE("from_edges reports bad edges, duplicate keys and cycles") {
    Diagnostics d;
    // a: itself; b: a twice and task 7 (out of range); a duplicate key "a".
    const std::vector<std::uint32_t> begin{0, 1, 4, 4}, up{0, 0, 0, 7};
    CHECK(!Dag::from_edges(keys({"a", "b", "a"}), begin, up, d, "w2"));
    CHECK(messages(d) == std::vector<std::string>{"w2: duplicate task_key 'a' (tasks 1 and 3)",
                                                  "w2: task 'a' depends on itself",
                                                  "w2: task 'b' lists dependency 'a' twice",
                                                  "w2: task 'b' depends on unknown task 7"});
    Diagnostics c;
    // x depends on z, y on x, z on y; w feeds the cycle.
    const std::vector<std::uint32_t> cbegin{0, 0, 2, 3, 4}, cup{3, 0, 1, 2};
    CHECK(!Dag::from_edges(keys({"w", "x", "y", "z"}), cbegin, cup, c, "w2"));
    CHECK(messages(c) == std::vector<std::string>{"w2: dependency cycle: x -> y -> z -> x"});
  }

  TEST_CASE("find looks every key up in a large graph") {
    TaskKeys names;
    for (int i = 0; i < 5000; ++i) names.add(fmt::format("task_{}", i));
    const std::vector<std::uint32_t> begin(5001, 0);
    Diagnostics d;
    auto dag = Dag::from_edges(std::move(names), begin, {}, d);
    REQUIRE(dag);
    for (std::uint32_t i = 0; i < 5000; ++i) CHECK(dag->find(fmt::format("task_{}", i)) == TaskId(i));
    CHECK(!dag->find("task_5000"));
    CHECK(!dag->find(""));
  }

  TEST_CASE("gates follow their edges both ways, and a copy reads the same graph") {
    // c is a condition; t runs on its true branch, f on its false one, j after both.
    TaskDecl t = task("t", {"c"}), f = task("f", {"c"});
    t.depends_outcome = {EdgeGate::kTrue};
    f.depends_outcome = {EdgeGate::kFalse};
    Diagnostics d;
    const auto built = Dag::build({task("c"), t, f, task("j", {"t", "f"})}, d);
    REQUIRE(built);
    const Dag dag = *built;  // a copy must not point into the original
    const TaskId c(0), tt(1), ff(2), j(3);
    CHECK(std::vector(dag.downstream(c).begin(), dag.downstream(c).end()) == std::vector<TaskId>{tt, ff});
    CHECK(std::vector(dag.downstream_gates(c).begin(), dag.downstream_gates(c).end()) ==
          std::vector<EdgeGate>{EdgeGate::kTrue, EdgeGate::kFalse});
    REQUIRE(dag.upstream_gates(ff).size() == 1);
    CHECK(dag.upstream_gates(ff)[0] == EdgeGate::kFalse);
    CHECK(std::vector(dag.upstream_gates(j).begin(), dag.upstream_gates(j).end()) ==
          std::vector<EdgeGate>{EdgeGate::kNone, EdgeGate::kNone});
    CHECK(std::vector(dag.topological_order().begin(), dag.topological_order().end()) ==
          std::vector<TaskId>{c, tt, ff, j});
    CHECK(dag.find("j") == j);
  }

  TEST_CASE("a one-task DAG: no edges, no gates, itself as its order") {
    Diagnostics d;
    const auto dag = Dag::build({task("only")}, d);
    REQUIRE(dag);
    const TaskId t(0);
    CHECK(dag->size() == 1);
    CHECK(dag->upstream(t).empty());
    CHECK(dag->downstream(t).empty());
    CHECK(dag->upstream_gates(t).empty());
    CHECK(dag->downstream_gates(t).empty());
    CHECK(dag->is_leaf(t));
    REQUIRE(dag->topological_order().size() == 1);
    CHECK(dag->topological_order()[0] == t);
    CHECK(dag->find("only") == t);
    CHECK(!dag->find("other"));
    CHECK(Dag{}.size() == 0);
    CHECK(!Dag{}.find("only"));
  }

  TEST_CASE("a copy shares the stored graph, which outlives the original") {
    Diagnostics d;
    auto built = Dag::build({task("a"), task("b", {"a"})}, d);
    REQUIRE(built);
    const Dag copy = *built;
    CHECK(copy.shares_storage_with(*built));
    CHECK(copy.key(TaskId(1)).data() == built->key(TaskId(1)).data());  // one set of keys
    CHECK(copy.upstream(TaskId(1)).data() == built->upstream(TaskId(1)).data());
    Dag moved = std::move(*built);
    built.reset();
    CHECK(moved.shares_storage_with(copy));
    moved = Dag{};
    CHECK(!moved.shares_storage_with(copy));
    // The last holder still reads the whole graph.
    CHECK(copy.key(TaskId(1)) == "b");
    CHECK(copy.find("a") == TaskId(0));
    REQUIRE(copy.upstream(TaskId(1)).size() == 1);
    CHECK(copy.upstream(TaskId(1))[0] == TaskId(0));
    CHECK(!Dag::build({task("a"), task("b", {"a"})}, d)->shares_storage_with(copy));  // equal, built apart
  }

  TEST_CASE("a Dag is 16 bytes, its graph one block of a 16-byte header, the index arrays, gates and keys") {
    // LP64: the block's pointer 8 + the tasks it reads, first and count, 4 + 4.
    static_assert(sizeof(void*) != 8 || sizeof(Dag) == 16);
    Diagnostics d;
    // One task "only": key ends 1 + key index 2 (2 × 1, a power of two) + offsets 2 + 2 + edges
    // 0 + 0 + order 1 = 8 words of 4 bytes; no gates; 4 key bytes: 16 + 32 + 4.
    CHECK(Dag::build({task("only")}, d)->storage_bytes() == 52);
    // c after a and b, b after a: 3 tasks, 3 edges; key index 8 (2 × 3 rounded up): words
    // 3 + 8 + 4 + 4 + 3 + 3 + 3 = 28 (112 bytes); gates 2 × 3 = 6 bytes; keys "cab" 3 bytes.
    CHECK(Dag::build({task("c", {"a", "b"}), task("a"), task("b", {"a"})}, d)->storage_bytes() == 16 + 112 + 6 + 3);
    CHECK(Dag{}.storage_bytes() == 0);
    CHECK(Dag::build({}, d)->size() == 0);
    CHECK(Dag::build({}, d)->topological_order().empty());
  }

  TEST_CASE("a subgraph keeps its tasks' keys, the edges among them and their gates, in the order given") {
    // c is a condition; t on its true branch; j after t and a; a alone.
    const Dag dag = gated_graph();
    const std::vector<TaskId> picked{TaskId(1), TaskId(2), TaskId(3)};  // c, t, j: a is left out
    const Dag sub = dag.subgraph(picked);
    REQUIRE(sub.size() == 3);
    CHECK(sub.key(TaskId(0)) == "c");
    CHECK(sub.key(TaskId(2)) == "j");
    CHECK(sub.find("a") == std::nullopt);
    CHECK(sub.find("t") == TaskId(1));
    CHECK(sub.upstream(TaskId(0)).empty());
    CHECK(std::vector(sub.upstream(TaskId(2)).begin(), sub.upstream(TaskId(2)).end()) == std::vector<TaskId>{TaskId(1)});
    REQUIRE(sub.upstream_gates(TaskId(1)).size() == 1);
    CHECK(sub.upstream_gates(TaskId(1))[0] == EdgeGate::kTrue);
    CHECK(std::vector(sub.downstream_gates(TaskId(0)).begin(), sub.downstream_gates(TaskId(0)).end()) ==
          std::vector<EdgeGate>{EdgeGate::kTrue});
    CHECK(std::vector(sub.topological_order().begin(), sub.topological_order().end()) ==
          std::vector<TaskId>{TaskId(0), TaskId(1), TaskId(2)});
    // A block of its own: 3 tasks, 2 edges (t after c, j after t), key index 8 (2 × 3 rounded up):
    // words 3 + 8 + 4 + 4 + 2 + 2 + 3 = 26 (104 bytes); gates 2 × 2; keys "ctj" 3.
    CHECK(!sub.shares_storage_with(dag));
    CHECK(sub.storage_bytes() == 16 + 104 + 4 + 3);
    CHECK(dag.subgraph({}).size() == 0);
    CHECK(dag.subgraph({}).storage_bytes() == 0);
  }

  TEST_CASE("a one-task subgraph reads its graph's block: its key, no edges, no storage of its own") {
    const Dag dag = gated_graph();
    const TaskId only(0);
    const std::vector<std::pair<TaskId, std::string>> tasks{{TaskId(0), "a"}, {TaskId(1), "c"}, {TaskId(2), "t"}, {TaskId(3), "j"}};
    for (const auto& entry : tasks) {
      const TaskId id = entry.first;
      const std::string& key = entry.second;  // not a structured binding: CAPTURE's lambda reads it (clang 14)
      CAPTURE(key);
      const std::vector<TaskId> alone{id};
      const Dag view = dag.subgraph(alone);
      CHECK(view.shares_storage_with(dag));
      CHECK(view.storage_bytes() == 0);
      CHECK(view.size() == 1);
      CHECK(view.key(only) == key);
      CHECK(view.key(only).data() == dag.key(id).data());  // the graph's own key
      CHECK(view.find(key) == only);
      CHECK(!view.find(key == "a" ? "j" : "a"));  // in the graph, not in the view
      CHECK(!view.find("x"));
      // In the graph a and t have downstream tasks, c a gated one, t and j upstream ones: the
      // view has none.
      CHECK(view.upstream(only).empty());
      CHECK(view.downstream(only).empty());
      CHECK(view.upstream_gates(only).empty());
      CHECK(view.downstream_gates(only).empty());
      CHECK(view.is_leaf(only));
      CHECK(std::vector(view.topological_order().begin(), view.topological_order().end()) ==
            std::vector<TaskId>{only});
      const Dag again = view.subgraph(std::vector<TaskId>{only});  // a view of a view: the same task
      CHECK(again.shares_storage_with(dag));
      CHECK(again.key(only) == key);
    }
    // The one task of a one-task graph is that graph: it counts the graph's block (16 + 32 + 4).
    Diagnostics d;
    const auto one = Dag::build({task("only")}, d);
    REQUIRE(one);
    const Dag whole = one->subgraph(std::vector<TaskId>{only});
    CHECK(whole.shares_storage_with(*one));
    CHECK(whole.storage_bytes() == 52);
  }

  TEST_CASE("a one-task view copies, moves and assigns as a view, and keeps its graph's block alive") {
    Diagnostics d;
    auto dag = Dag::build({task("a"), task("b", {"a"}), task("c", {"b"})}, d);
    REQUIRE(dag);
    const std::vector<TaskId> b{TaskId(1)};
    Dag view = dag->subgraph(b);
    const Dag copy = view;
    CHECK(copy.shares_storage_with(*dag));
    CHECK(copy.size() == 1);
    CHECK(copy.key(TaskId(0)) == "b");
    Dag assigned = *dag;  // the whole graph, then a view
    assigned = copy;
    CHECK(assigned.size() == 1);
    CHECK(assigned.key(TaskId(0)) == "b");
    CHECK(assigned.upstream(TaskId(0)).empty());
    const Dag moved = std::move(view);
    CHECK(moved.key(TaskId(0)) == "b");
    CHECK(view.size() == 0);  // NOLINT(bugprone-use-after-move): a moved-from Dag is empty
    CHECK(!view.shares_storage_with(*dag));
    // The graph itself gone, its block lives on in the views.
    dag.reset();
    CHECK(moved.key(TaskId(0)) == "b");
    CHECK(moved.find("b") == TaskId(0));
    CHECK(!moved.find("a"));
    CHECK(moved.downstream(TaskId(0)).empty());
    CHECK(moved.shares_storage_with(copy));
  }
}
