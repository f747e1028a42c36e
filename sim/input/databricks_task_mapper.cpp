#include "sim/input/databricks_task_mapper.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

constexpr std::array<std::string_view, 21> kTaskKeys{
    "notebook_task", "spark_python_task", "python_wheel_task", "spark_jar_task", "spark_submit_task", "sql_task",
    "dbt_task", "pipeline_task", "run_job_task", "condition_task", "for_each_task", "dashboard_task", "power_bi_task",
    "alert_task", "clean_rooms_notebook_task", "gen_ai_compute_task", "python_operator_task", "ai_runtime_task",
    "dbt_cloud_task", "dbt_platform_task", "compute_task"};

// Events with a non-empty list of destinations in `map` (an email or webhook notifications map).
void events(const ConfigNode& map, Notifications& n) {
  auto set = [&](std::string_view key) {
    const ConfigNode* v = ConfigReader::get(map, key);
    return v != nullptr && v->is_sequence() && !v->items.empty();
  };
  n.on_start = n.on_start || set("on_start");
  n.on_success = n.on_success || set("on_success");
  n.on_failure = n.on_failure || set("on_failure");
}

void health(ConfigReader& reader, const ConfigNode& rules, Notifications& n, ImportSummary& summary) {
  const ConfigNode* list = ConfigReader::get(rules, "rules");
  if (list == nullptr || !reader.expect_list(*list, "health.rules")) return;
  for (const ConfigNode& rule : list->items) {
    const auto metric = reader.string(rule, "metric", true);
    const auto op = reader.string(rule, "op", true);
    const auto value = reader.integer(rule, "value", 0, 3'153'600'000);
    if (!metric || !op || !value) continue;
    if (*metric != "RUN_DURATION_SECONDS") {
      summary.add_unmodelled(fmt::format("health.rules[].metric {}", *metric), rule.where);
      continue;
    }
    if (*op != "GREATER_THAN") reader.error(rule.find("op")->where, fmt::format("health op '{}': expected GREATER_THAN", *op));
    else n.duration_warning = Duration::seconds(*value);
  }
}

bool cron_field_ok(std::string_view f, int lo, int hi, bool names) {
  std::size_t i = 0;
  while (i < f.size()) {
    const char ch = f[i];
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      int v = 0;  // saturates at hi + 1: a number of any length is out of range, never an overflow
      while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i]))) v = std::min(v * 10 + (f[i++] - '0'), hi + 1);
      if (v < lo || v > hi) return false;
      continue;
    }
    const bool special = ch == '*' || ch == ',' || ch == '-' || ch == '/' || ch == '?' || ch == 'L' || ch == 'W' || ch == '#';
    if (!special && !(names && std::isalpha(static_cast<unsigned char>(ch)))) return false;
    ++i;
  }
  return !f.empty();
}

}  // namespace

std::string task_type(const ConfigNode& task) {
  std::string type;
  for (std::string_view key : kTaskKeys) {
    if (ConfigReader::get(task, key) == nullptr) continue;
    if (!type.empty()) return "several";
    type = std::string(key.substr(0, key.size() - 5));
  }
  return type;
}

Notifications read_notifications(ConfigReader& reader, const ConfigNode& holder, bool job, ImportSummary& summary) {
  Notifications n;
  if (const ConfigNode* e = ConfigReader::get(holder, "email_notifications")) {
    events(*e, n);
    if (auto v = reader.boolean(*e, "no_alert_for_skipped_runs")) n.no_alert_for_skipped_runs = *v;
    const ConfigNode* w = ConfigReader::get(*e, "on_duration_warning_threshold_exceeded");
    if (w != nullptr && !w->items.empty() && ConfigReader::get(holder, "health") == nullptr) {
      summary.note("on_duration_warning_threshold_exceeded without a health rule: no duration warning");
    }
  }
  if (const ConfigNode* w = ConfigReader::get(holder, "webhook_notifications")) events(*w, n);
  if (const ConfigNode* s = ConfigReader::get(holder, "notification_settings")) {
    if (auto v = reader.boolean(*s, "no_alert_for_skipped_runs")) n.no_alert_for_skipped_runs = *v;
    if (auto v = reader.boolean(*s, "no_alert_for_canceled_runs")) n.no_alert_for_canceled_runs = *v;
    if (!job) {
      if (auto v = reader.boolean(*s, "alert_on_last_attempt")) n.alert_on_last_attempt = *v;
    }
  }
  if (const ConfigNode* h = ConfigReader::get(holder, "health")) health(reader, *h, n, summary);
  return n;
}

std::optional<std::uint32_t> count_json_array(std::string_view text) {
  std::size_t i = 0;
  auto skip = [&] { while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i; };
  skip();
  if (i >= text.size() || text[i] != '[') return std::nullopt;
  ++i;
  int depth = 1;
  bool in_string = false, item = false;
  std::uint32_t count = 0;
  for (; i < text.size() && depth > 0; ++i) {
    const char ch = text[i];
    if (in_string) {
      if (ch == '\\') ++i;
      else if (ch == '"') in_string = false;
      continue;
    }
    if (ch == '"') in_string = true;
    if (ch == '[' || ch == '{') ++depth;
    if (ch == ']' || ch == '}') --depth;
    if (depth == 1 && ch == ',') {
      if (!item) return std::nullopt;
      ++count;
      item = false;
    } else if (depth >= 1 && !std::isspace(static_cast<unsigned char>(ch))) {
      item = true;
    }
  }
  if (depth != 0 || in_string) return std::nullopt;
  skip();
  if (i != text.size()) return std::nullopt;
  return count + (item ? 1 : 0);
}

std::string check_quartz_cron(std::string_view expr) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < expr.size()) {
    while (i < expr.size() && expr[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < expr.size() && expr[i] != ' ') ++i;
    if (i > start) fields.push_back(expr.substr(start, i - start));
  }
  if (fields.size() != 6 && fields.size() != 7) {
    return fmt::format("a Quartz cron expression has 6 or 7 fields (seconds minutes hours day-of-month month "
                       "day-of-week [year]), this one has {}", fields.size());
  }
  static constexpr std::array<const char*, 7> kNames{"seconds", "minutes", "hours", "day-of-month", "month",
                                                     "day-of-week", "year"};
  static constexpr std::array<std::array<int, 2>, 7> kRange{{{0, 59}, {0, 59}, {0, 23}, {1, 31}, {1, 12}, {1, 7}, {1970, 2199}}};
  for (std::size_t f = 0; f < fields.size(); ++f) {
    if (!cron_field_ok(fields[f], kRange[f][0], kRange[f][1], f == 4 || f == 5)) {
      return fmt::format("'{}' is not a valid {} field ({}–{})", fields[f], kNames[f], kRange[f][0], kRange[f][1]);
    }
  }
  return {};
}

}  // namespace orchsim::sim
