#include "sim/input/wfcommons.h"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "sim/input/input_file.h"
#include "sim/input/yaml_document.h"
#include "sim/input/yaml_reader.h"

namespace orchsim::sim {

namespace {

constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;

// The schema versions whose shapes read_v14 and read_v15 know; a trace without one is read by shape.
constexpr std::array<std::string_view, 2> kSchemaVersions = {"1.4", "1.5"};

// What one trace task says about its run.
struct Execution {
  std::optional<double> runtime_s;
  std::optional<std::int64_t> cores;
  std::optional<double> mem_bytes;
};

Execution read_execution(YamlReader& r, const YamlNode& task) {
  Execution e;
  if (!task["runtimeInSeconds"]) {
    r.error(task, "task has no 'runtimeInSeconds'");
  } else {
    e.runtime_s = r.number(task, "runtimeInSeconds", 0, 1e12);
  }
  e.cores = r.integer(task, "coreCount", 1, 1'000'000);
  e.mem_bytes = r.number(task, "memoryInBytes", 0, 1e18);
  return e;
}

std::vector<std::pair<std::string, SourceLocation>> read_names(YamlReader& r, const YamlNode& task, const char* key,
                                                               const char* what = "task ids") {
  std::vector<std::pair<std::string, SourceLocation>> names;
  const YamlNode list = task[key];
  if (!list || list.IsNull()) return names;
  if (!list.IsSequence()) {
    r.error(list, fmt::format("'{}' must be a list of {}", key, what));
    return names;
  }
  for (const auto& item : list) {
    if (!item.IsScalar()) {
      r.error(item, fmt::format("'{}' entries must be {}", key, what));
      continue;
    }
    names.emplace_back(item.Scalar(), r.location(item));
  }
  return names;
}

void read_machines(YamlReader& r, const YamlNode& machines, WfCommonsTrace& trace) {
  if (!machines || machines.IsNull()) return;
  if (!machines.IsSequence()) {
    r.error(machines, "'machines' must be a list");
    return;
  }
  for (const auto& m : machines) {
    if (!r.expect_map(m, "a machine (a map with nodeName and cpu)")) continue;
    TraceMachine machine;
    machine.name = r.string(m, "nodeName").value_or("");
    const YamlNode cpu = m["cpu"];
    // 1.5 says cpu.coreCount, 1.4 cpu.count.
    std::optional<std::int64_t> cores;
    if (cpu && cpu.IsMap()) cores = cpu["coreCount"] ? r.integer(cpu, "coreCount", 1, 1'000'000) : r.integer(cpu, "count", 1, 1'000'000);
    if (!cores) {
      r.error(m, fmt::format("machine '{}' has no cpu.coreCount", machine.name));
      continue;
    }
    machine.cores = static_cast<int>(*cores);
    if (const auto bytes = r.number(m, "memoryInBytes", 0, 1e18)) machine.mem_gib = *bytes / kBytesPerGib;
    trace.machines.push_back(std::move(machine));
  }
}

// The first machine a task names: 1.5 `machines: [name]`, 1.4 `machine: name`.
std::string read_machine(YamlReader& r, const YamlNode& task) {
  if (const YamlNode list = task["machines"]; list && list.IsSequence() && list.size() > 0) {
    if (list[0].IsScalar()) return list[0].Scalar();
    r.error(list[0], "'machines' entries must be machine names");
  }
  return r.string(task, "machine").value_or("");
}

// 1.5: the sizes of workflow.specification.files, by id.
std::map<std::string, double> read_file_sizes(YamlReader& r, const YamlNode& files) {
  std::map<std::string, double> sizes;
  if (!files || files.IsNull()) return sizes;
  if (!files.IsSequence()) {
    r.error(files, "'files' must be a list");
    return sizes;
  }
  for (const auto& f : files) {
    if (!r.expect_map(f, "a file (a map with id and sizeInBytes)")) continue;
    const auto id = r.string(f, "id", true);
    if (id) sizes[*id] = r.number(f, "sizeInBytes", 0, 1e18).value_or(0);
  }
  return sizes;
}

double sum_sizes(YamlReader& r, const YamlNode& task, const char* key, const std::map<std::string, double>& sizes) {
  double bytes = 0;
  for (const auto& [id, at] : read_names(r, task, key, "file ids")) {
    const auto found = sizes.find(id);
    bytes += found == sizes.end() ? 0 : found->second;
  }
  return bytes;
}

// 1.4: a task's files[] with link input/output and sizeInBytes.
void read_v14_files(YamlReader& r, const YamlNode& files, TraceTaskRecord& record) {
  if (!files || files.IsNull()) return;
  if (!files.IsSequence()) {
    r.error(files, "'files' must be a list");
    return;
  }
  for (const auto& f : files) {
    if (!r.expect_map(f, "a file (a map with link and sizeInBytes)")) continue;
    const double bytes = r.number(f, "sizeInBytes", 0, 1e18).value_or(0);
    const std::string link = r.string(f, "link").value_or("");
    if (link == "input") record.input_bytes += bytes;
    if (link == "output") record.output_bytes += bytes;
  }
}

void add_task(WfCommonsTrace& trace, const std::string& key, SourceLocation where,
              const std::vector<std::pair<std::string, SourceLocation>>& parents, const Execution& e,
              std::size_t& defaulted_cores) {
  models::WorkloadTask t{.key = key, .where = std::move(where)};
  std::size_t chars = 0;
  for (const auto& [parent, at] : parents) chars += parent.size();
  t.depends_on.reserve(parents.size(), chars);  // exactly: no growth slack kept per task (issue #15)
  for (const auto& [parent, at] : parents) t.depends_on.push_back({parent, {at.line, at.column}});
  t.duration = Duration::from_seconds(e.runtime_s.value_or(0));
  t.cores = static_cast<int>(e.cores.value_or(1));
  defaulted_cores += e.cores ? 0 : 1;
  if (e.mem_bytes.value_or(0) != 0) t.rare.edit().mem_gib = *e.mem_bytes / kBytesPerGib;
  trace.workload.tasks.push_back(std::move(t));
}

void read_v15(YamlReader& r, const YamlNode& workflow, WfCommonsTrace& trace, std::size_t& defaulted_cores) {
  const YamlNode spec = workflow["specification"];
  const YamlNode exec = workflow["execution"];
  if (!r.expect_map(spec, "'workflow.specification' to be a map with a 'tasks' list")) return;
  if (!spec["tasks"] || !spec["tasks"].IsSequence()) {
    r.error(spec, "'workflow.specification' needs a 'tasks' list");
    return;
  }
  if (!exec || !exec.IsMap() || !exec["tasks"] || !exec["tasks"].IsSequence()) {
    r.error(exec ? exec : workflow, "'workflow.execution' needs a 'tasks' list");
    return;
  }
  std::map<std::string, YamlNode> executions;
  for (const auto& task : exec["tasks"]) {
    if (!r.expect_map(task, "an execution task (a map with id and runtimeInSeconds)")) continue;
    const auto id = r.string(task, "id", true);
    if (!id) continue;
    if (!executions.emplace(*id, task).second) r.error(task, fmt::format("execution task '{}' appears twice", *id));
  }
  const std::map<std::string, double> sizes = read_file_sizes(r, spec["files"]);
  std::map<std::string, bool> used;
  trace.workload.tasks.reserve(spec["tasks"].size());  // a large trace is not copied while it grows
  trace.records.reserve(spec["tasks"].size());
  for (const auto& task : spec["tasks"]) {
    if (!r.expect_map(task, "a task (a map with id and parents)")) continue;
    const auto id = r.string(task, "id", true);
    if (!id) continue;
    const auto found = executions.find(*id);
    if (found == executions.end()) {
      r.error(task, fmt::format("task '{}' has no entry in workflow.execution.tasks", *id));
      continue;
    }
    used[*id] = true;
    add_task(trace, *id, r.location(task), read_names(r, task, "parents"), read_execution(r, found->second),
             defaulted_cores);
    trace.records.push_back({.machine = read_machine(r, found->second),
                             .input_bytes = sum_sizes(r, task, "inputFiles", sizes),
                             .output_bytes = sum_sizes(r, task, "outputFiles", sizes)});
  }
  for (const auto& [id, node] : executions) {
    if (!used.count(id)) r.error(node, fmt::format("execution task '{}' is not in workflow.specification.tasks", id));
  }
  read_machines(r, exec["machines"], trace);
  trace.makespan_s = r.number(exec, "makespanInSeconds", 0, 1e12);
}

void read_v14(YamlReader& r, const YamlNode& workflow, WfCommonsTrace& trace, std::size_t& defaulted_cores) {
  // 1.4 tasks name their parents by `name`; `id` is a separate short label.
  if (const YamlNode tasks = workflow["tasks"]; tasks.IsSequence()) {
    trace.workload.tasks.reserve(tasks.size());  // a large trace is not copied while it grows
    trace.records.reserve(tasks.size());
  }
  for (const auto& task : workflow["tasks"]) {
    if (!r.expect_map(task, "a task (a map with name, parents and runtimeInSeconds)")) continue;
    const auto name = r.string(task, "name", true);
    if (!name) continue;
    Execution e = read_execution(r, task);
    if (!e.cores) e.cores = r.integer(task, "cores", 1, 1'000'000);
    add_task(trace, *name, r.location(task), read_names(r, task, "parents"), e, defaulted_cores);
    TraceTaskRecord record{.machine = read_machine(r, task)};
    read_v14_files(r, task["files"], record);
    trace.records.push_back(std::move(record));
  }
  read_machines(r, workflow["machines"], trace);
  trace.makespan_s = r.number(workflow, "makespanInSeconds", 0, 1e12);
}

}  // namespace

WfCommonsTrace parse_wfcommons(std::string_view json, const std::string& file) {
  return parse_wfcommons_root(load_yaml(json, file, "malformed JSON"), file);
}

WfCommonsTrace parse_wfcommons_root(const YamlNode& root, const std::string& file) {
  Diagnostics diagnostics;
  YamlReader r(file, diagnostics);
  WfCommonsTrace trace{.file = file};
  const YamlNode workflow = root.IsMap() ? root["workflow"] : YamlNode();
  if (!workflow) {
    r.error(root, "not a WfCommons instance: no 'workflow' object");
    diagnostics.throw_if_any();
  }
  if (!workflow.IsMap()) {
    r.error(workflow, fmt::format("expected 'workflow' to be an object (a map), got {}", YamlReader::kind(workflow)));
    diagnostics.throw_if_any();
  }
  trace.name = r.string(root, "name").value_or(file);
  trace.schema_version = r.string(root, "schemaVersion").value_or("");
  if (!trace.schema_version.empty() &&
      std::find(kSchemaVersions.begin(), kSchemaVersions.end(), trace.schema_version) == kSchemaVersions.end()) {
    r.error(root["schemaVersion"], fmt::format("unsupported WfCommons schemaVersion '{}' (orchsim reads 1.4 and 1.5)",
                                               trace.schema_version));
    diagnostics.throw_if_any();
  }
  trace.workload.name = trace.name;
  std::size_t defaulted_cores = 0;
  if (workflow["specification"]) {
    read_v15(r, workflow, trace, defaulted_cores);
  } else if (workflow["tasks"] && workflow["tasks"].IsSequence()) {
    read_v14(r, workflow, trace, defaulted_cores);
  } else {
    r.error(workflow, "expected 'workflow.specification.tasks' (schema 1.5) or 'workflow.tasks' (schema 1.4)");
  }
  if (trace.workload.tasks.empty() && diagnostics.empty()) r.error(workflow, "the workflow has no tasks");
  if (diagnostics.empty()) trace.workload.check_dag(diagnostics);  // unknown parents and cycles, located
  diagnostics.throw_if_any();
  if (defaulted_cores > 0) {
    trace.defaults.push_back(fmt::format("{} of {} tasks give no coreCount: 1 core each", defaulted_cores,
                                         trace.workload.tasks.size()));
  }
  return trace;
}

WfCommonsTrace load_wfcommons(const std::string& path) {
  return parse_wfcommons(read_input_file(path, "WfCommons trace"), path);
}

}  // namespace orchsim::sim
