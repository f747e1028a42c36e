// The WfCommons importer on small fixtures of both schemas (written here, not copied), its
// file:line:col errors, and the public example traces when they are present.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>

#include "engine/error.h"
#include "models/analytic.h"
#include "sim/input/wfcommons.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

// a → {b, c} → d; b has 2 cores and 1 GiB.
constexpr const char* kV15 = R"({
  "name": "tiny", "schemaVersion": "1.5",
  "workflow": {
    "specification": {"tasks": [
      {"name": "a", "id": "a", "parents": [], "children": ["b", "c"]},
      {"name": "b", "id": "b", "parents": ["a"], "children": ["d"]},
      {"name": "c", "id": "c", "parents": ["a"], "children": ["d"]},
      {"name": "d", "id": "d", "parents": ["b", "c"], "children": []}
    ]},
    "execution": {
      "makespanInSeconds": 100.5,
      "tasks": [
        {"id": "a", "runtimeInSeconds": 10.25},
        {"id": "b", "runtimeInSeconds": 20, "coreCount": 2, "memoryInBytes": 1073741824},
        {"id": "c", "runtimeInSeconds": 5},
        {"id": "d", "runtimeInSeconds": 1.5}
      ],
      "machines": [{"nodeName": "n1", "cpu": {"coreCount": 8}, "memoryInBytes": 17179869184},
                   {"nodeName": "n2", "cpu": {"coreCount": 4}}]
    }
  }
})";

// The same workflow in 1.4's shape: parents by name, ids are other labels.
constexpr const char* kV14 = R"({
  "name": "tiny", "schemaVersion": "1.4",
  "workflow": {
    "makespanInSeconds": 100.5,
    "machines": [{"nodeName": "n1", "cpu": {"count": 8}}],
    "tasks": [
      {"name": "a", "id": "ID1", "parents": [], "runtimeInSeconds": 10.25},
      {"name": "b", "id": "ID2", "parents": ["a"], "runtimeInSeconds": 20, "cores": 2},
      {"name": "c", "id": "ID3", "parents": ["a"], "runtimeInSeconds": 5},
      {"name": "d", "id": "ID4", "parents": ["b", "c"], "runtimeInSeconds": 1.5}
    ]
  }
})";

double critical_path(const sim::WfCommonsTrace& t) {
  Diagnostics d;
  const auto dag = t.workload.dag(d);
  REQUIRE(dag);
  std::vector<double> durations;
  for (const auto& task : t.workload.tasks) durations.push_back(task.duration.to_seconds());
  return models::analytic::critical_path_s(*dag, durations);
}

std::string first_error(std::string_view json) {
  try {
    sim::parse_wfcommons(json, "bad.json");
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

}  // namespace

TEST_SUITE("sim.import.wfcommons") {
  TEST_CASE("schema 1.5: tasks, parents, runtimes, cores, memory, machines, makespan") {
    const auto t = sim::parse_wfcommons(kV15, "tiny.json");
    CHECK(t.name == "tiny");
    CHECK(t.schema_version == "1.5");
    REQUIRE(t.workload.tasks.size() == 4);
    CHECK(t.workload.tasks[0].duration == Duration::millis(10'250));
    CHECK(t.workload.tasks[1].cores == 2);
    CHECK(t.workload.tasks[1].rare->mem_gib == 1.0);
    CHECK(t.workload.tasks[3].depends_on.names() == std::vector<std::string>{"b", "c"});
    REQUIRE(t.makespan_s);
    CHECK(*t.makespan_s == 100.5);
    REQUIRE(t.machines.size() == 2);
    CHECK(t.machines[0].cores == 8);
    CHECK(t.machines[0].mem_gib == 16.0);
    CHECK(!t.machines[1].mem_gib);
    CHECK(critical_path(t) == 10.25 + 20 + 1.5);
    REQUIRE(t.defaults.size() == 1);  // three tasks without coreCount
    CHECK(t.defaults[0].find("3 of 4") != std::string::npos);
  }

  TEST_CASE("schema 1.4 gives the same workload") {
    const auto t = sim::parse_wfcommons(kV14, "tiny14.json");
    const auto v15 = sim::parse_wfcommons(kV15, "tiny.json");
    REQUIRE(t.workload.tasks.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
      CHECK(t.workload.tasks[i].key == v15.workload.tasks[i].key);
      CHECK(t.workload.tasks[i].duration == v15.workload.tasks[i].duration);
      CHECK(t.workload.tasks[i].depends_on.names() == v15.workload.tasks[i].depends_on.names());
      CHECK(t.workload.tasks[i].cores == v15.workload.tasks[i].cores);
    }
    CHECK(t.machines.at(0).cores == 8);
    CHECK(*t.makespan_s == 100.5);
  }

  TEST_CASE("each task's recorded machine and staged bytes, in both schemas") {
    const auto v15 = sim::parse_wfcommons(R"({"workflow": {
      "specification": {"tasks": [{"id": "a", "inputFiles": ["x", "unknown"], "outputFiles": ["y"]}, {"id": "b"}],
                        "files": [{"id": "x", "sizeInBytes": 100}, {"id": "y", "sizeInBytes": 20}]},
      "execution": {"tasks": [{"id": "a", "runtimeInSeconds": 1, "machines": ["n1"]},
                              {"id": "b", "runtimeInSeconds": 1}]}}})",
                                          "io15.json");
    REQUIRE(v15.records.size() == 2);
    CHECK(v15.records[0].machine == "n1");
    CHECK(v15.records[0].input_bytes == 100);  // a file without a size counts 0
    CHECK(v15.records[0].output_bytes == 20);
    CHECK(v15.records[1].machine.empty());
    CHECK(v15.records[1].input_bytes == 0);
    const auto v14 = sim::parse_wfcommons(R"({"schemaVersion": "1.4", "workflow": {"tasks": [
      {"name": "a", "runtimeInSeconds": 1, "machine": "n2",
       "files": [{"link": "input", "name": "x", "sizeInBytes": 100}, {"link": "input", "name": "z", "sizeInBytes": 5},
                 {"link": "output", "name": "y", "sizeInBytes": 20}]}]}})",
                                          "io14.json");
    REQUIRE(v14.records.size() == 1);
    CHECK(v14.records[0].machine == "n2");
    CHECK(v14.records[0].input_bytes == 105);
    CHECK(v14.records[0].output_bytes == 20);
  }

  TEST_CASE("problems are reported at file:line:col") {
    // Malformed JSON (a stray comma) is located too.
    CHECK(first_error("{\n  \"workflow\": {\"tasks\": [],}\n,}").rfind("bad.json:", 0) == 0);
    CHECK(first_error("{\"name\": \"x\"}").find("no 'workflow' object") != std::string::npos);
    // An unknown parent, located on the parent's entry (line 4, column 29).
    const std::string unknown = first_error(
        "{\"workflow\": {\n"
        "  \"specification\": {\"tasks\": [\n"
        "    {\"id\": \"a\", \"parents\": []},\n"
        "    {\"id\": \"b\", \"parents\": [\"zz\"]}]},\n"
        "  \"execution\": {\"tasks\": [{\"id\": \"a\", \"runtimeInSeconds\": 1}, {\"id\": \"b\", \"runtimeInSeconds\": 1}]}}}");
    CHECK(unknown.rfind("bad.json:4:29:", 0) == 0);
    CHECK(unknown.find("zz") != std::string::npos);
    // A runtime that is not a number; an execution entry missing.
    const std::string typed = first_error(
        "{\"workflow\": {\"specification\": {\"tasks\": [{\"id\": \"a\"}, {\"id\": \"b\"}]},\n"
        "  \"execution\": {\"tasks\": [{\"id\": \"a\", \"runtimeInSeconds\": \"12s,\"}]}}}");
    CHECK(typed.rfind("bad.json:2:", 0) == 0);
    CHECK(typed.find("runtimeInSeconds") != std::string::npos);
    // A file size that is not a number, on its line.
    const std::string sized = first_error(
        "{\"workflow\": {\"specification\": {\"tasks\": [{\"id\": \"a\", \"inputFiles\": [\"f\"]}],\n"
        "  \"files\": [{\"id\": \"f\", \"sizeInBytes\": \"big\"}]},\n"
        "  \"execution\": {\"tasks\": [{\"id\": \"a\", \"runtimeInSeconds\": 1}]}}}");
    CHECK(sized.rfind("bad.json:2:", 0) == 0);
    CHECK(sized.find("sizeInBytes") != std::string::npos);
    CHECK_THROWS_AS(sim::load_wfcommons("/nonexistent/trace.json"), InputError);
  }

  TEST_CASE("the public example traces, when present") {
    const fs::path dir = fs::path(ORCHSIM_EXAMPLES_DIR) / "wfcommons";
    if (!fs::exists(dir)) return;  // not shipped with the project
    // Task counts and critical paths from the examples' INDEX.md.
    struct Expect {
      const char* file;
      std::size_t tasks;
      double cp_s;
      double makespan_s;
    };
    for (const Expect e : {Expect{"montage-chameleon-2mass-01d-001.json", 103, 21.1, 1362.0},
                           Expect{"epigenomics-chameleon-hep-1seq-50k-001.json", 73, 117.9, 728.0},
                           Expect{"seismology-chameleon-100p-001.json", 101, 2.8, 354.0},
                           Expect{"soykb-chameleon-10fastq-10ch-001.json", 96, 2933.3, 9323.0},
                           Expect{"blast-chameleon-medium-001.json", 303, 119.3, 5074.08},
                           Expect{"schema-1.4/montage-chameleon-2mass-01d-001.json", 103, 21.1, 1362.0}}) {
      INFO(e.file);
      const auto t = sim::load_wfcommons((dir / e.file).string());
      CHECK(t.workload.tasks.size() == e.tasks);
      // INDEX.md rounds to one decimal, so the exact value lies within half a unit of it.
      CHECK(std::abs(critical_path(t) - e.cp_s) <= 0.05 + 1e-9);
      CHECK(*t.makespan_s == e.makespan_s);
      CHECK(!t.machines.empty());
      // Every task names a machine the trace lists (the trace model places it there).
      for (const auto& record : t.records) {
        const bool listed = std::any_of(t.machines.begin(), t.machines.end(),
                                        [&](const sim::TraceMachine& m) { return m.name == record.machine; });
        CHECK(listed);
      }
    }
  }
}
