#include "sim/input/system_table_reader.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "sim/input/json_reader.h"

namespace orchsim::sim {

namespace {

bool has(const TableRow& row, std::string_view column) { return row.find(column) != nullptr; }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// Reads exactly `width` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > s.size()) return false;
  const auto [ptr, ec] = std::from_chars(s.data() + pos, s.data() + pos + width, out);
  if (ec != std::errc() || ptr != s.data() + pos + width) return false;
  pos += width;
  return true;
}

unsigned days_in_month(int y, int m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// The zone suffix at `pos` (Z, +HH:MM, +HHMM, or nothing for UTC) in minutes east of UTC.
std::optional<int> zone_minutes(std::string_view s, std::size_t pos) {
  if (pos == s.size() || s.substr(pos) == "Z" || s.substr(pos) == " UTC") return 0;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int hh = 0, mm = 0;
  if (!digits(s, pos, 2, hh)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') ++pos;
  if (!digits(s, pos, 2, mm) || pos != s.size() || hh > 23 || mm > 59) return std::nullopt;
  return sign * (hh * 60 + mm);
}

std::optional<std::int64_t> read_id(const TableRow& row, std::string_view column, Diagnostics& diagnostics,
                                    bool required) {
  const CsvCell* cell = row.find(column);
  if (cell == nullptr) {
    if (required) diagnostics.error(row.where, fmt::format("missing column '{}' in this row", column));
    return std::nullopt;
  }
  std::int64_t value = 0;
  const std::string& s = cell->text;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || value < 0) {
    diagnostics.error(cell->where, fmt::format("'{}' must be a non-negative integer id, got \"{}\"", column, s));
    return std::nullopt;
  }
  return value;
}

std::optional<std::int64_t> read_time(const TableRow& row, std::string_view column, Diagnostics& diagnostics) {
  const CsvCell* cell = row.find(column);
  if (cell == nullptr) {
    diagnostics.error(row.where, fmt::format("missing column '{}' in this row", column));
    return std::nullopt;
  }
  const auto value = parse_timestamp_ms(cell->text);
  if (!value) {
    diagnostics.error(cell->where, fmt::format("'{}' must be a timestamp such as 2024-05-01 10:00:00.000+00:00, "
                                               "got \"{}\"", column, cell->text));
  }
  return value;
}

// The system tables' result_state (SUCCEEDED, ERROR, CANCELLED, TIMED_OUT, …) in the Jobs API's
// words (SUCCESS, FAILED, CANCELED, TIMEDOUT), so that the fitting reads one vocabulary.
std::string api_result(const std::string& state) {
  if (state == "SUCCEEDED") return "SUCCESS";
  if (state == "ERROR") return "FAILED";
  if (state == "CANCELLED") return "CANCELED";
  if (state == "TIMED_OUT") return "TIMEDOUT";
  if (state == "UPSTREAM_CANCELLED") return "UPSTREAM_CANCELED";
  return state;
}

std::string text_of(const TableRow& row, std::string_view column) {
  const CsvCell* cell = row.find(column);
  return cell == nullptr ? std::string() : cell->text;
}

void flatten(const ConfigNode& node, const std::string& name, TableRow& row) {
  if (node.is_null()) return;
  if (node.is_scalar()) {
    row.cells.emplace_back(name, CsvCell{node.scalar, node.where});
  } else if (node.is_map()) {
    for (const ConfigEntry& entry : node.entries) flatten(entry.value, name + "." + entry.key, row);
  } else {
    std::string joined;
    for (const ConfigNode& item : node.items) {
      if (item.is_scalar()) joined += (joined.empty() ? "" : ",") + item.scalar;
    }
    row.cells.emplace_back(name, CsvCell{joined, node.where});
  }
}

// A JSON text inside a CSV cell: its locations made relative to the file, not the cell.
void shift(ConfigNode& node, const SourceLocation& cell) {
  if (node.where.line == 1) node.where.column += cell.column;  // the cell's opening quote counts
  node.where.line += cell.line - 1;
  for (ConfigNode& item : node.items) shift(item, cell);
  for (ConfigEntry& entry : node.entries) shift(entry.value, cell);
}

}  // namespace

const CsvCell* TableRow::find(std::string_view column) const {
  for (const auto& [name, cell] : cells) {
    if (name == column) return &cell;
  }
  return nullptr;
}

SystemTable system_table_of(const TableRow& row) {
  if (has(row, "usage_quantity")) return SystemTable::kBillingUsage;
  if (has(row, "period_start_time") && has(row, "task_key")) return SystemTable::kTaskRunTimeline;
  if (has(row, "period_start_time") && has(row, "run_id")) return SystemTable::kJobRunTimeline;
  return SystemTable::kNone;
}

SystemTable system_table_of(const std::vector<CsvCell>& header) {
  TableRow row;
  for (const CsvCell& cell : header) row.cells.emplace_back(cell.text, cell);
  return system_table_of(row);
}

const char* system_table_name(SystemTable table) {
  switch (table) {
    case SystemTable::kJobRunTimeline: return "system.lakeflow.job_run_timeline";
    case SystemTable::kTaskRunTimeline: return "system.lakeflow.job_task_run_timeline";
    case SystemTable::kBillingUsage: return "system.billing.usage";
    case SystemTable::kNone: break;
  }
  return "an unknown table";
}

TableRow table_row_from_json(const ConfigNode& object) {
  TableRow row;
  row.where = object.where;
  for (const ConfigEntry& entry : object.entries) flatten(entry.value, entry.key, row);
  return row;
}

TableRow table_row_from_csv(const std::vector<CsvCell>& header, const std::vector<CsvCell>& cells,
                            Diagnostics& diagnostics) {
  TableRow row;
  row.where = cells.empty() ? SourceLocation{} : cells.front().where;
  for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
    const CsvCell& cell = cells[i];
    if (cell.text.empty()) continue;  // SQL NULL
    if ((header[i].text == "usage_metadata" && cell.text.front() == '{') ||
        (header[i].text == "compute_ids" && cell.text.front() == '[')) {
      ConfigNode nested = config_from_json(cell.text, cell.where.file, diagnostics);
      shift(nested, cell.where);
      flatten(nested, header[i].text, row);
      continue;
    }
    row.cells.emplace_back(header[i].text, cell);
  }
  return row;
}

std::optional<std::int64_t> parse_timestamp_ms(std::string_view s) {
  std::int64_t epoch_ms = 0;
  if (const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), epoch_ms);
      ec == std::errc() && ptr == s.data() + s.size()) {
    return epoch_ms;
  }
  std::size_t pos = 0;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, mo) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, d) || pos >= s.size() || (s[pos] != ' ' && s[pos] != 'T')) {
    return std::nullopt;
  }
  ++pos;
  if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi) || !expect(s, pos, ':') ||
      !digits(s, pos, 2, sec)) {
    return std::nullopt;
  }
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int scale = 100;
    for (; pos < s.size() && s[pos] >= '0' && s[pos] <= '9'; ++pos, scale /= 10) ms += (s[pos] - '0') * scale;
  }
  const auto zone = zone_minutes(s, pos);
  if (!zone || mo < 1 || mo > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, mo) || h > 23 || mi > 59 ||
      sec > 60) {
    return std::nullopt;
  }
  const std::int64_t seconds = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                               h * 3600 + mi * 60 + sec - std::int64_t{*zone} * 60;
  return seconds * 1000 + ms;
}

void SystemTableRecords::add(SystemTable table, const TableRow& row, Diagnostics& diagnostics) {
  switch (table) {
    case SystemTable::kJobRunTimeline: add_span(job_runs_, false, row, diagnostics); break;
    case SystemTable::kTaskRunTimeline: add_span(task_runs_, true, row, diagnostics); break;
    case SystemTable::kBillingUsage: add_usage(row, diagnostics); break;
    case SystemTable::kNone: break;
  }
}

void SystemTableRecords::add_span(std::map<std::int64_t, Span>& spans, bool task, const TableRow& row,
                                  Diagnostics& diagnostics) {
  const auto run_id = read_id(row, "run_id", diagnostics, true);
  const auto job_id = read_id(row, "job_id", diagnostics, false);
  const auto job_run_id = task ? read_id(row, "job_run_id", diagnostics, true) : run_id;
  const auto start = read_time(row, "period_start_time", diagnostics);
  const auto end = read_time(row, "period_end_time", diagnostics);
  if (!run_id || !job_run_id || !start || !end) return;
  const auto [it, fresh] = spans.try_emplace(*run_id);
  Span& span = it->second;
  if (fresh) {
    span.where = row.where;
    span.start_ms = *start;
    span.end_ms = *end;
  }
  span.job_id = job_id.value_or(span.job_id);
  span.job_run_id = *job_run_id;
  span.start_ms = std::min(span.start_ms, *start);
  span.end_ms = std::max(span.end_ms, *end);
  // Only the last slice of a run carries its result; earlier slices leave it null.
  for (auto [column, field] : {std::pair{"result_state", &span.result_state}, {"termination_code", &span.termination_code},
                               {"task_key", &span.task_key}, {"trigger_type", &span.trigger},
                               {"run_name", &span.name}, {"compute_ids", &span.cluster_id}}) {
    if (const std::string value = text_of(row, column); !value.empty()) *field = value;
  }
  span.result_state = api_result(span.result_state);
}

void SystemTableRecords::add_usage(const TableRow& row, Diagnostics& diagnostics) {
  const auto run_id = read_id(row, "usage_metadata.job_run_id", diagnostics, false);
  if (!run_id) return;  // usage of something other than a job run
  const CsvCell* quantity = row.find("usage_quantity");
  if (quantity == nullptr) return;  // NULL: nothing billed
  double dbus = 0;
  const std::string& q = quantity->text;
  if (const auto [ptr, ec] = std::from_chars(q.data(), q.data() + q.size(), dbus);
      ec != std::errc() || ptr != q.data() + q.size() || !(dbus >= 0)) {
    diagnostics.error(quantity->where, fmt::format("'usage_quantity' must be a non-negative number, got \"{}\"", q));
    return;
  }
  const std::string unit = text_of(row, "usage_unit");
  if (!unit.empty() && unit != "DBU") return;  // DBUs only: other units would not add up
  if (const std::string id = text_of(row, "record_id"); !id.empty() && !record_ids_.insert(id).second) return;
  Usage& usage = usage_[*run_id];
  usage.dbus_by_sku[text_of(row, "sku_name")] += dbus;
  ++usage.rows;
}

std::vector<models::JobRunRecord> SystemTableRecords::timeline_runs(std::size_t& unfinished) const {
  std::vector<models::JobRunRecord> runs;
  for (const auto& [run_id, span] : job_runs_) {
    if (span.result_state.empty()) {
      ++unfinished;  // no slice has a result yet: still running at the export
      continue;
    }
    models::JobRunRecord run;
    run.run_id = run_id;
    run.job_id = span.job_id;
    run.job_name = span.name;
    run.start_ms = span.start_ms;
    run.end_ms = span.end_ms;
    run.result_state = span.result_state;
    run.trigger = span.trigger;
    run.where = span.where;
    runs.push_back(std::move(run));
  }
  return runs;
}

std::map<std::int64_t, std::vector<models::TaskAttemptRecord>> SystemTableRecords::task_attempts() const {
  std::map<std::int64_t, std::vector<models::TaskAttemptRecord>> by_run;
  for (const auto& [task_run_id, span] : task_runs_) {
    models::TaskAttemptRecord a;
    a.task_key = span.task_key;
    a.start_ms = span.start_ms;
    a.end_ms = span.end_ms;
    a.result_state = span.result_state;
    a.termination_code = span.termination_code;
    a.cluster_id = span.cluster_id;
    a.task_run_id = task_run_id;
    a.where = span.where;
    by_run[span.job_run_id].push_back(std::move(a));
  }
  for (auto& [run_id, attempts] : by_run) {
    std::stable_sort(attempts.begin(), attempts.end(), [](const auto& x, const auto& y) {
      return x.start_ms != y.start_ms ? x.start_ms < y.start_ms : x.task_run_id < y.task_run_id;
    });
    std::map<std::string, std::uint32_t> next;
    for (auto& a : attempts) a.attempt_number = next[a.task_key]++;
  }
  return by_run;
}

}  // namespace orchsim::sim
