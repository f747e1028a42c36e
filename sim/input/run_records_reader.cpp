#include "sim/input/run_records_reader.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "sim/input/config_reader.h"
#include "sim/input/csv_reader.h"
#include "sim/input/input_file.h"
#include "sim/input/jobs_runs_reader.h"
#include "sim/input/json_reader.h"
#include "sim/input/system_table_reader.h"

namespace orchsim::sim {

namespace {

using models::JobRunRecord;

constexpr std::string_view kWhat =
    "expected Jobs API runs JSON (runs/list, runs/get, a list or JSON Lines of runs) or a system-table export "
    "(CSV with a header row, JSON or JSON Lines) of job_run_timeline, job_task_run_timeline or billing usage";

struct Collected {
  std::vector<JobRunRecord> api_runs;  // in file order
  SystemTableRecords tables;
  std::size_t unfinished = 0;
};

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// JSON Lines: the first non-blank line a whole object and another line starting an object.
bool is_json_lines(std::string_view text) {
  std::size_t objects = 0;
  std::size_t start = 0;
  while (start < text.size() && objects < 2) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    if (line.front() != '{' || (objects == 0 && line.back() != '}')) return false;
    ++objects;
  }
  return objects == 2;
}

void shift_lines(ConfigNode& node, int lines) {
  node.where.line += lines;
  for (ConfigNode& item : node.items) shift_lines(item, lines);
  for (ConfigEntry& entry : node.entries) {
    entry.key_where.line += lines;
    shift_lines(entry.value, lines);
  }
}

// Every line of a JSON Lines text as one item of a list, located at its own line.
ConfigNode read_json_lines(std::string_view text, const std::string& file, Diagnostics& diagnostics) {
  ConfigNode list;
  list.kind = ConfigNode::Kind::kSequence;
  list.where = {file, 1, 1};
  int line_index = 0;
  for (std::size_t start = 0; start < text.size(); ++line_index) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (trim(line).empty()) continue;
    Diagnostics local;
    ConfigNode item = config_from_json(line, file, local);
    for (Diagnostic d : local.items()) {
      d.where.line += line_index;
      diagnostics.error(d.where, d.message);
    }
    shift_lines(item, line_index);
    list.items.push_back(std::move(item));
  }
  return list;
}

void read_json(const ConfigNode& root, const std::string& file, Collected& out, Diagnostics& diagnostics) {
  ConfigReader reader(diagnostics);
  if (looks_like_jobs_runs(root)) {
    read_jobs_runs(root, reader, out.api_runs, out.unfinished);
    return;
  }
  const ConfigNode* first = root.is_sequence() && !root.items.empty() ? &root.items.front() : &root;
  const SystemTable table = first->is_map() ? system_table_of(table_row_from_json(*first)) : SystemTable::kNone;
  if (table == SystemTable::kNone) {
    diagnostics.error(root.where.line > 0 ? root.where : SourceLocation{file, 1, 1},
                      fmt::format("not a run-records file: {}", kWhat));
    return;
  }
  const auto add = [&](const ConfigNode& object) {
    if (!reader.expect_map(object, system_table_name(table))) return;
    out.tables.add(table, table_row_from_json(object), diagnostics);
  };
  if (root.is_sequence()) {
    for (const ConfigNode& item : root.items) add(item);
  } else {
    add(root);
  }
}

void read_csv_export(std::string_view text, const std::string& file, Collected& out, Diagnostics& diagnostics) {
  const CsvTable csv = read_csv(text, file, diagnostics);
  const SystemTable table = system_table_of(csv.header);
  if (table == SystemTable::kNone) {
    diagnostics.error(csv.header.empty() ? SourceLocation{file, 1, 1} : csv.header.front().where,
                      fmt::format("not a run-records file: {}", kWhat));
    return;
  }
  for (const auto& cells : csv.rows) out.tables.add(table, table_row_from_csv(csv.header, cells, diagnostics), diagnostics);
}

void read_one(const std::string& file, std::string_view text, Collected& out, Diagnostics& diagnostics) {
  const std::string_view body = trim(text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text);
  if (body.empty()) {
    diagnostics.error({file, 0, 0}, fmt::format("the file is empty: {}", kWhat));
    return;
  }
  if (body.front() == '{' && is_json_lines(text)) {
    read_json(read_json_lines(text, file, diagnostics), file, out, diagnostics);
  } else if (body.front() == '{' || body.front() == '[') {
    Diagnostics syntax;
    const ConfigNode root = config_from_json(text, file, syntax);
    for (const Diagnostic& d : syntax.items()) diagnostics.error(d.where, d.message);
    if (syntax.empty()) read_json(root, file, out, diagnostics);
  } else {
    read_csv_export(text, file, out, diagnostics);
  }
}

// Runs by run_id: the first record of a run gives its run fields; attempts and DBUs fill in.
models::RunRecords merge(Collected& in) {
  models::RunRecords records;
  records.unfinished_runs = in.unfinished;
  std::map<std::int64_t, JobRunRecord> runs;
  std::vector<JobRunRecord> all = std::move(in.api_runs);
  for (JobRunRecord& run : in.tables.timeline_runs(records.unfinished_runs)) all.push_back(std::move(run));
  for (JobRunRecord& run : all) {
    const auto [it, fresh] = runs.try_emplace(run.run_id, run);
    if (!fresh && it->second.attempts.empty()) it->second.attempts = std::move(run.attempts);
  }
  for (auto& [run_id, attempts] : in.tables.task_attempts()) {
    const auto it = runs.find(run_id);
    if (it == runs.end()) continue;  // a task run of a run not described, or still running
    if (it->second.attempts.empty()) it->second.attempts = attempts;
  }
  for (const auto& [run_id, usage] : in.tables.usage()) {
    const auto it = runs.find(run_id);
    if (it == runs.end()) {
      records.unmatched_usage_rows += usage.rows;
      continue;
    }
    double total = 0;
    for (const auto& [sku, dbus] : usage.dbus_by_sku) {
      it->second.usage.push_back({sku, dbus});
      total += dbus;
    }
    it->second.dbus = total;
  }
  for (auto& [run_id, run] : runs) records.runs.push_back(std::move(run));
  std::stable_sort(records.runs.begin(), records.runs.end(), [](const JobRunRecord& x, const JobRunRecord& y) {
    return x.start_ms != y.start_ms ? x.start_ms < y.start_ms : x.run_id < y.run_id;
  });
  return records;
}

}  // namespace

models::RunRecords parse_run_records(const std::vector<std::pair<std::string, std::string>>& files) {
  Diagnostics diagnostics;
  Collected collected;
  for (const auto& [file, text] : files) read_one(file, text, collected, diagnostics);
  diagnostics.throw_if_any();
  return merge(collected);
}

models::RunRecords load_run_records(const std::vector<std::string>& paths) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& path : paths) files.emplace_back(path, read_input_file(path, "run-records file"));
  return parse_run_records(files);
}

}  // namespace orchsim::sim
