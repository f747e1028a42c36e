#include "cli/runs_command.h"

#include <charconv>
#include <optional>
#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/exit_codes.h"
#include "cli/unsigned_option.h"
#include "engine/live/alert_format.h"
#include "engine/live/run_history.h"

namespace orchsim::cli {

namespace po = boost::program_options;

namespace {

constexpr std::uint64_t kMaxLimit = 1'000'000;

std::string when(const std::optional<std::int64_t>& unix_us) {
  return unix_us ? live::utc_iso8601(*unix_us) : std::string("-");
}

std::string seconds(const std::optional<std::int64_t>& us) {
  return us ? fmt::format("{:.3f} s", static_cast<double>(*us) / 1e6) : std::string("-");
}

std::string or_dash(const std::string& s) { return s.empty() ? std::string("-") : s; }

void print_list(const std::vector<live::RunRow>& runs, std::ostream& out) {
  out << fmt::format("{:>6}  {:<9}  {:<22}  {:<27}  {:>12}  {}\n", "run", "source", "result", "start (UTC)",
                     "duration", "job (scenario, strategy, replication)");
  for (const auto& r : runs) {
    const auto duration = r.start_unix_us && r.end_unix_us ? std::optional(*r.end_unix_us - *r.start_unix_us)
                                                           : std::nullopt;
    const std::string strategy = r.strategy.empty() ? std::string() : fmt::format(", {}, {}", r.strategy, r.replication);
    out << fmt::format("{:>6}  {:<9}  {:<22}  {:<27}  {:>12}  {} ({}{})\n", r.run_id, r.source,
                       r.result.empty() ? r.state : r.result, when(r.start_unix_us), seconds(duration), r.job,
                       r.scenario, strategy);
  }
}

void print_run(const live::RunRow& r, std::ostream& out) {
  out << fmt::format("run {}: job {} ({}), {} {}\n", r.run_id, r.job, r.source, r.state, or_dash(r.result));
  out << fmt::format("  scenario {}, strategy {}, replication {}\n", r.scenario, or_dash(r.strategy), r.replication);
  if (r.parent_run_id) out << fmt::format("  started by run {}\n", *r.parent_run_id);
  out << fmt::format("  start {}, end {}\n", when(r.start_unix_us), when(r.end_unix_us));
  out << fmt::format("  queue {}, setup {}, execution {}, cleanup {}\n", seconds(r.queue_us), seconds(r.setup_us),
                     seconds(r.execution_us), seconds(r.cleanup_us));
  if (!r.rollback.empty()) out << fmt::format("  rollback: {} scope\n", r.rollback);
  if (r.repairs != 0) out << fmt::format("  repairs: {}\n", r.repairs);
  if (!r.invocation_dir.empty()) out << fmt::format("  run directory: {}\n", r.invocation_dir);
}

void print_details(const live::RunDetails& d, std::ostream& out) {
  print_run(d.run, out);
  out << fmt::format("\ntasks ({})\n", d.tasks.size());
  for (const auto& t : d.tasks) {
    out << fmt::format("  {:<24} {:<18} {} .. {}\n", t.task, or_dash(t.result), when(t.start_unix_us), when(t.end_unix_us));
  }
  out << fmt::format("\nattempts ({})\n", d.attempts.size());
  for (const auto& a : d.attempts) {
    const std::string iteration = a.iteration ? fmt::format("[{}]", *a.iteration) : std::string();
    const std::string exit = a.exit_code ? fmt::format(", exit {}", *a.exit_code) : std::string();
    out << fmt::format("  {}{} #{} on {}: {}{}{}, {} .. {}\n", a.task, iteration, a.number, or_dash(a.compute),
                       or_dash(a.result), a.failure.empty() ? "" : " (" + a.failure + ")", exit,
                       live::utc_iso8601(a.start_unix_us), when(a.end_unix_us));
    if (!a.stdout_log.empty() || !a.stderr_log.empty()) {
      out << fmt::format("      stdout {}\n      stderr {}\n", or_dash(a.stdout_log), or_dash(a.stderr_log));
    }
  }
  out << fmt::format("\nalerts ({})\n", d.alerts.size());
  for (const auto& a : d.alerts) {
    const std::string attempt = a.task.empty() ? std::string() : fmt::format(" attempt {}", a.attempt);
    out << fmt::format("  {} {} {}{}: {}{}{}\n", live::utc_iso8601(a.time_unix_us), a.kind,
                       a.task.empty() ? "job" : a.task, attempt, a.result, a.suppressed ? " (suppressed)" : "",
                       a.delivery_error.empty() ? "" : " (delivery failed: " + a.delivery_error + ")");
  }
  out << fmt::format("\ntable versions ({})\n", d.table_versions.size());
  for (const auto& v : d.table_versions) {
    const std::string what = v.kind == "restore" && v.restored_from
                                 ? fmt::format("restore of v{}", *v.restored_from)
                                 : fmt::format("{} by {} #{}", v.kind, or_dash(v.task), v.attempt.value_or(0));
    out << fmt::format("  {} v{}: {}, {}\n", v.table, v.version, what, live::utc_iso8601(v.time_unix_us));
  }
}

}  // namespace

int runs(const std::vector<std::string>& args, std::ostream& out, std::ostream&) {
  po::options_description options(
      "orchsim runs [--db F] [--limit N]\norchsim runs show ID [--db F]\n\n"
      "Lists the runs recorded by `orchsim exec` and `compare --db` (newest first), or shows one run:\n"
      "its tasks, attempts with exit codes and log paths, alerts and table versions. Any SQLite client\n"
      "reads the same file (schema: docs/exec.md).\n\noptions");
  std::string db = default_run_history().string(), limit = "50";
  options.add_options()
      ("help,h", "show this help")
      ("db", po::value(&db), fmt::format("the run history (default {})", default_run_history().string()).c_str())
      ("limit,n", po::value(&limit), "runs listed (default 50)");
  std::vector<std::string> words;
  const po::variables_map vm = parse_with_files(args, options, words, "show ID");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (!words.empty() && (words[0] != "show" || words.size() != 2)) {
    throw po::error("runs: expected 'orchsim runs' or 'orchsim runs show ID' (see 'orchsim runs --help')");
  }
  if (!std::filesystem::exists(db)) {
    throw live::RunHistoryError(
        fmt::format("no run history at {} (`orchsim exec` and `compare --db` write one; --db names another)", db));
  }
  const live::RunHistory history(db);
  if (words.empty()) {
    print_list(history.list_run_rows(parse_unsigned_option(limit, "limit", 1, kMaxLimit)), out);
    return kExitOk;
  }
  std::int64_t id = 0;
  const std::string& text = words[1];
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id < 1) {
    throw po::error(fmt::format("runs show: ID must be a run number (1, 2, …), got '{}'", text));
  }
  const auto details = history.details(id);
  if (!details) throw live::RunHistoryError(fmt::format("run history {}: no run {}", db, id));
  print_details(*details, out);
  return kExitOk;
}

}  // namespace orchsim::cli
