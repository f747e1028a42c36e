#include "sim/input/task_command_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <fmt/format.h>

#include "engine/parse_number.h"

namespace orchsim::sim {

namespace {

// The argv of a `command` node, or nullopt after an error; `shell` says how a string is taken.
std::optional<std::vector<std::string>> read_argv(YamlReader& r, const YamlNode& c, bool shell) {
  std::vector<std::string> argv;
  if (c.IsScalar()) {
    if (!shell) {
      r.error(c, "a command written as one string runs only through /bin/sh: add 'shell: true', or give argv "
                 "as a list like [python, etl.py]");
      return std::nullopt;
    }
    argv.push_back(c.Scalar());
  } else if (c.IsSequence()) {
    for (const YamlNode& item : c) {
      if (!item.IsScalar()) {
        r.error(item, fmt::format("command: expected a string, got {}", YamlReader::kind(item)));
        return std::nullopt;
      }
      argv.push_back(item.Scalar());
    }
  } else {
    r.error(c, fmt::format("command must be a list of strings (argv) or, with 'shell: true', one string; got {}",
                           YamlReader::kind(c)));
    return std::nullopt;
  }
  if (argv.empty() || argv.front().empty()) {
    r.error(c, "command must not be empty");
    return std::nullopt;
  }
  if (shell && argv.size() > 1) {
    r.error(c, fmt::format("with 'shell: true' the command is one string for /bin/sh -c, got {} strings "
                           "(join them, or drop 'shell' to run argv directly)", argv.size()));
    return std::nullopt;
  }
  return argv;
}

std::vector<int> read_exit_codes(YamlReader& r, const YamlNode& list) {
  std::vector<int> codes;
  if (!list.IsSequence()) {
    r.error(list, "permanent_exit_codes must be a list of exit codes like [2, 64]");
    return codes;
  }
  for (const YamlNode& item : list) {
    const std::optional<double> v = item.IsScalar() ? parse_number(item.Scalar()) : std::nullopt;
    if (!v || std::trunc(*v) != *v) {
      r.error(item, fmt::format("permanent_exit_codes: expected an integer, got '{}'",
                                item.IsScalar() ? item.Scalar() : YamlReader::kind(item)));
    } else if (*v == 0) {
      r.error(item, "permanent_exit_codes: exit code 0 means success, it cannot mark a failure");
    } else if (*v < 1 || *v > 255) {
      r.error(item, fmt::format("permanent_exit_codes: an exit code is between 1 and 255, got {}", item.Scalar()));
    } else if (std::find(codes.begin(), codes.end(), static_cast<int>(*v)) != codes.end()) {
      r.error(item, fmt::format("permanent_exit_codes: {} is listed twice", item.Scalar()));
    } else {
      codes.push_back(static_cast<int>(*v));
    }
  }
  return codes;
}

// The command of map `n`; `exit_codes` says whether `permanent_exit_codes` may be given.
std::optional<TaskCommand> read_command(YamlReader& r, const YamlNode& n, bool exit_codes) {
  const YamlNode c = YamlReader::child(n, "command");
  const std::optional<bool> shell = r.boolean(n, "shell");
  const YamlNode codes = exit_codes ? YamlReader::child(n, "permanent_exit_codes") : YamlNode();
  if (!c || c.IsNull()) {
    if (shell) r.error(n["shell"], "'shell' applies only with 'command'");
    if (codes && !codes.IsNull()) r.error(codes, "'permanent_exit_codes' applies only with 'command'");
    return std::nullopt;
  }
  TaskCommand command;
  command.shell = shell.value_or(false);
  auto argv = read_argv(r, c, command.shell);
  if (codes && !codes.IsNull()) command.permanent_exit_codes = read_exit_codes(r, codes);
  if (!argv) return std::nullopt;
  command.argv = std::move(*argv);
  return command;
}

AlertDestination read_webhook(YamlReader& r, const YamlNode& w) {
  AlertDestination d{.kind = AlertDestination::Kind::kWebhook};
  if (!r.allow_keys(w, {"url", "slack", "timeout", "retries"})) return d;
  if (auto v = r.string(w, "url", true)) {
    if (v->starts_with("http://") || v->starts_with("https://")) d.url = *v;
    else r.error(w["url"], fmt::format("webhook url must start with http:// or https://, got '{}'", *v));
  }
  if (auto v = r.boolean(w, "slack")) d.slack = *v;
  if (auto v = r.duration(w, "timeout")) {
    if (*v > Duration::zero()) d.timeout = *v;
    else r.error(w["timeout"], "webhook timeout must be > 0");
  }
  if (auto v = r.integer(w, "retries", 0, 100)) d.retries = static_cast<std::uint32_t>(*v);
  return d;
}

std::optional<AlertDestination> read_destination(YamlReader& r, const YamlNode& n) {
  if (n.IsScalar() && n.Scalar() == "stdout") return AlertDestination{};
  if (!n.IsMap() || n.size() != 1) {
    r.error(n, "a destination is 'stdout', {jsonl: PATH} or {webhook: {url: ...}}");
    return std::nullopt;
  }
  if (!r.allow_keys(n, {"stdout", "jsonl", "webhook"})) return std::nullopt;
  const std::string kind = n.begin()->first.Scalar();
  const YamlNode v = n.begin()->second;
  if (kind == "stdout") {
    if (!v.IsNull() && !(v.IsMap() && v.size() == 0)) r.error(v, "stdout takes no settings (write 'stdout: {}')");
    return AlertDestination{};
  }
  if (kind == "jsonl") {
    if (auto path = r.string(n, "jsonl", true); path && !path->empty()) {
      return AlertDestination{.kind = AlertDestination::Kind::kJsonl, .path = *path};
    }
    if (v.IsScalar()) r.error(v, "jsonl: the file path must not be empty");
    return std::nullopt;
  }
  if (kind == "webhook") return read_webhook(r, v);
  return std::nullopt;  // unknown kind: reported by allow_keys
}

}  // namespace

std::optional<TaskCommand> read_task_command(YamlReader& r, const YamlNode& n) {
  return read_command(r, n, true);
}

std::optional<QualityGate> read_quality_gate(YamlReader& r, const YamlNode& n) {
  const YamlNode g = YamlReader::child(n, "gate");
  if (!g || g.IsNull()) return std::nullopt;
  if (!r.allow_keys(g, {"command", "shell", "min_rows", "max_rows", "columns", "failure_probability", "duration"})) {
    return std::nullopt;
  }
  QualityGate gate;
  gate.command = read_command(r, g, false);
  constexpr std::int64_t kMaxRows = std::numeric_limits<std::int64_t>::max();
  if (auto v = r.integer(g, "min_rows", 0, kMaxRows)) gate.min_rows = static_cast<std::uint64_t>(*v);
  if (auto v = r.integer(g, "max_rows", 0, kMaxRows)) gate.max_rows = static_cast<std::uint64_t>(*v);
  if (gate.min_rows && gate.max_rows && *gate.min_rows > *gate.max_rows) {
    r.error(g["min_rows"], fmt::format("gate: min_rows ({}) must not exceed max_rows ({})", *gate.min_rows,
                                       *gate.max_rows));
  }
  if (const YamlNode cols = g["columns"]; cols && !cols.IsNull()) {
    if (!cols.IsSequence()) {
      r.error(cols, "gate: columns must be a list of column names");
    } else {
      for (const YamlNode& c : cols) {
        if (!c.IsScalar() || c.Scalar().empty()) r.error(c, "gate: a column name must be a non-empty string");
        else gate.columns.push_back(c.Scalar());
      }
    }
  }
  if (auto v = r.number(g, "failure_probability", 0, 1)) gate.failure_probability = *v;
  if (auto v = r.duration(g, "duration")) gate.duration = *v;
  return gate;
}

std::vector<AlertDestination> read_alert_destinations(YamlReader& r, const YamlNode& list) {
  std::vector<AlertDestination> out;
  if (!list || list.IsNull()) return out;
  if (!list.IsSequence()) {
    r.error(list, "destinations must be a list like [stdout, {jsonl: alerts.jsonl}, {webhook: {url: ...}}]");
    return out;
  }
  for (const YamlNode& n : list) {
    if (auto d = read_destination(r, n)) out.push_back(std::move(*d));
  }
  return out;
}

}  // namespace orchsim::sim
