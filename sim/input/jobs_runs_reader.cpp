#include "sim/input/jobs_runs_reader.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

using models::JobRunRecord;
using models::TaskAttemptRecord;

constexpr std::int64_t kMaxMs = std::int64_t{1} << 50;  // far beyond any epoch-ms date or duration

// An id: an integer as the Jobs API writes it, or the same digits quoted, as some exports do.
std::optional<std::int64_t> read_id(const ConfigNode& map, std::string_view key, bool required, ConfigReader& reader) {
  const ConfigNode* node = ConfigReader::get(map, key);
  if (node == nullptr) {
    if (required) reader.error(map.where, fmt::format("missing '{}'", key));
    return std::nullopt;
  }
  std::int64_t value = 0;
  const std::string& s = node->scalar;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (!node->is_scalar() || ec != std::errc() || ptr != s.data() + s.size() || value < 0) {
    reader.error(node->where, fmt::format("'{}' must be a non-negative integer id, got {}", key,
                                          node->is_scalar() ? "\"" + s + "\"" : node->kind_name()));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> read_ms(const ConfigNode& map, std::string_view key, bool required, ConfigReader& reader) {
  if (required && ConfigReader::get(map, key) == nullptr) {
    reader.error(map.where, fmt::format("missing '{}'", key));
    return std::nullopt;
  }
  return reader.integer(map, key, 0, kMaxMs);
}

// Jobs API 2.2 status.termination_details.code as the 2.1 result_state it corresponds to.
std::string result_from_code(const std::string& code) {
  if (code == "SUCCESS" || code == "SKIPPED" || code == "CANCELED" || code == "UPSTREAM_FAILED" ||
      code == "UPSTREAM_CANCELED" || code == "EXCLUDED") {
    return code;
  }
  if (code == "USER_CANCELED") return "CANCELED";
  if (code == "RUN_TIMED_OUT" || code == "TIMEDOUT") return "TIMEDOUT";
  return "FAILED";
}

// state.result_state (2.1), else status.termination_details.code (2.2); the code as written too.
void read_result(const ConfigNode& node, ConfigReader& reader, std::string& result, std::string* code) {
  if (const ConfigNode* state = ConfigReader::get(node, "state"); state != nullptr && reader.expect_map(*state, "state")) {
    result = reader.string(*state, "result_state").value_or("");
  }
  const ConfigNode* status = ConfigReader::get(node, "status");
  if (status == nullptr || !reader.expect_map(*status, "status")) return;
  const ConfigNode* details = ConfigReader::get(*status, "termination_details");
  if (details == nullptr || !reader.expect_map(*details, "termination_details")) return;
  const std::string written = reader.string(*details, "code").value_or("");
  if (code != nullptr) *code = written;
  if (result.empty() && !written.empty()) result = result_from_code(written);
}

std::string read_compute(const ConfigNode& task, const std::string& task_key, ConfigReader& reader) {
  if (auto key = reader.string(task, "job_cluster_key")) return *key;
  if (auto id = reader.string(task, "existing_cluster_id")) return *id;
  if (ConfigReader::get(task, "new_cluster") != nullptr) return "new_cluster:" + task_key;
  return "serverless";
}

std::optional<TaskAttemptRecord> read_attempt(const ConfigNode& task, ConfigReader& reader) {
  if (!reader.expect_map(task, "tasks[]")) return std::nullopt;
  TaskAttemptRecord a;
  a.where = task.where;
  const auto key = reader.string(task, "task_key", true);
  const auto start = read_ms(task, "start_time", true, reader);
  const auto end = read_ms(task, "end_time", true, reader);
  const auto attempt = reader.integer(task, "attempt_number", 0, std::numeric_limits<std::uint32_t>::max());
  a.setup_ms = read_ms(task, "setup_duration", false, reader);
  a.execution_ms = read_ms(task, "execution_duration", false, reader);
  a.cleanup_ms = read_ms(task, "cleanup_duration", false, reader);
  a.task_run_id = read_id(task, "run_id", false, reader).value_or(0);
  if (!key || !start || !end) return std::nullopt;
  a.task_key = *key;
  a.start_ms = *start;
  a.end_ms = *end;
  a.attempt_number = static_cast<std::uint32_t>(attempt.value_or(0));
  read_result(task, reader, a.result_state, &a.termination_code);
  a.compute = read_compute(task, a.task_key, reader);
  if (const ConfigNode* instance = ConfigReader::get(task, "cluster_instance");
      instance != nullptr && reader.expect_map(*instance, "cluster_instance")) {
    a.cluster_id = reader.string(*instance, "cluster_id").value_or("");
  }
  return a;
}

// nullopt when the run is malformed or has not ended (end_time 0; `unfinished` is then set).
std::optional<JobRunRecord> read_run(const ConfigNode& node, ConfigReader& reader, bool& unfinished) {
  if (!reader.expect_map(node, "run")) return std::nullopt;
  JobRunRecord run;
  run.where = node.where;
  const auto run_id = read_id(node, "run_id", true, reader);
  run.job_id = read_id(node, "job_id", false, reader).value_or(0);
  run.job_name = reader.string(node, "run_name").value_or("");
  run.trigger = reader.string(node, "trigger").value_or("");
  const auto start = read_ms(node, "start_time", true, reader);
  const auto end = read_ms(node, "end_time", false, reader);
  read_result(node, reader, run.result_state, nullptr);
  if (const ConfigNode* tasks = ConfigReader::get(node, "tasks"); tasks != nullptr && reader.expect_list(*tasks, "tasks")) {
    for (const ConfigNode& task : tasks->items) {
      if (auto attempt = read_attempt(task, reader)) run.attempts.push_back(std::move(*attempt));
    }
  }
  if (!run_id || !start) return std::nullopt;
  run.run_id = *run_id;
  run.start_ms = *start;
  if (end.value_or(0) == 0) {
    unfinished = true;
    return std::nullopt;
  }
  run.end_ms = *end;
  std::stable_sort(run.attempts.begin(), run.attempts.end(), [](const TaskAttemptRecord& x, const TaskAttemptRecord& y) {
    return x.start_ms != y.start_ms ? x.start_ms < y.start_ms : x.attempt_number < y.attempt_number;
  });
  return run;
}

const ConfigNode* runs_list(const ConfigNode& root) {
  if (root.is_sequence()) return &root;
  if (root.is_map() && root.find("runs") != nullptr) return root.find("runs");
  return nullptr;
}

}  // namespace

bool is_jobs_run(const ConfigNode& node) {
  return node.is_map() && node.find("run_id") != nullptr && node.find("start_time") != nullptr &&
         node.find("period_start_time") == nullptr;
}

bool looks_like_jobs_runs(const ConfigNode& root) {
  if (root.is_map() && (root.find("runs") != nullptr || root.find("has_more") != nullptr)) return true;
  if (is_jobs_run(root)) return true;
  return root.is_sequence() && !root.items.empty() && is_jobs_run(root.items.front());
}

void read_jobs_runs(const ConfigNode& root, ConfigReader& reader, std::vector<JobRunRecord>& runs,
                    std::size_t& unfinished) {
  std::vector<const ConfigNode*> nodes;
  if (const ConfigNode* list = runs_list(root)) {
    if (!reader.expect_list(*list, "runs")) return;
    for (const ConfigNode& item : list->items) nodes.push_back(&item);
  } else {
    nodes.push_back(&root);
  }
  std::map<std::int64_t, SourceLocation> seen;
  for (const ConfigNode* node : nodes) {
    bool still_running = false;
    auto run = read_run(*node, reader, still_running);
    if (still_running) ++unfinished;
    if (!run) continue;
    const auto [it, fresh] = seen.emplace(run->run_id, run->where);
    if (!fresh) {
      reader.error(run->where, fmt::format("run {} is listed twice in this file (first at line {})", run->run_id,
                                           it->second.line));
      continue;
    }
    runs.push_back(std::move(*run));
  }
}

}  // namespace orchsim::sim
