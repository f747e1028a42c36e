#include "cli/validate.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <optional>
#include <ostream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "cli/unsigned_option.h"
#include "reports/csv_escape.h"
#include "reports/markdown_escape.h"

namespace orchsim::cli {

namespace po = boost::program_options;
using reports::csv_field;
using reports::md_cell;

namespace {

std::string number(double v) { return fmt::format("{:.6g}", v); }

std::string simulated_cell(const sim::CheckResult& c) {
  switch (c.kind) {
    case sim::CheckKind::kMean: return fmt::format("{:.6g} ± {:.2g}", c.simulated, (c.ci_hi - c.ci_lo) / 2);
    case sim::CheckKind::kProportion:
    case sim::CheckKind::kQuantile: return fmt::format("{:.6g} [{:.6g}, {:.6g}]", c.simulated, c.ci_lo, c.ci_hi);
    case sim::CheckKind::kExact:
    case sim::CheckKind::kBound:
    case sim::CheckKind::kTrace: return number(c.simulated);
  }
  return number(c.simulated);
}

// The value of `--option` (text as given), or a po::error (exit 2) saying what range it must be in.
double parse_number_option(const std::string& text, const char* option, double min, double max, const char* note) {
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || !(value >= min && value <= max)) {
    throw po::error(fmt::format("--{} must be a number from {:g} to {:g}{}, got '{}'", option, min, max, note, text));
  }
  return value;
}

const char* ok_cell(const sim::CheckResult& c) {
  if (c.informational) return "—";
  return c.passed ? "✔" : "✘ FAIL";
}

std::optional<double> relative_error(const sim::CheckResult& c) {
  if (c.analytic == 0) return std::nullopt;
  return std::fabs(c.simulated - c.analytic) / std::fabs(c.analytic);
}

}  // namespace

std::string validation_markdown(const sim::ValidationReport& report) {
  std::size_t failed = 0, informational = 0;
  for (const auto& c : report.checks) {
    failed += !c.passed;
    informational += c.informational;
  }
  const std::size_t checks = report.checks.size() - informational;
  std::string text = fmt::format(
      "{} checks ({} statistical), seed {}{}. Simulated: mean ± 99% CI half-width, or value [99% interval]. "
      "A statistical check passes when the analytic value lies in its {:.4g}% interval (99% for the whole "
      "ladder, Bonferroni over {} checks); exact checks to the microsecond.\n\n",
      checks, report.statistical_checks, report.seed, report.quick ? ", quick ladder" : "",
      report.per_check_confidence * 100, report.statistical_checks);
  text += "| check | analytic | simulated (99% CI) | rel. err | n | ok |\n|---|---:|---:|---:|---:|:-:|\n";
  for (const auto& c : report.checks) {
    const auto rel = relative_error(c);
    text += fmt::format("| {}: {} [{}] | {} | {} | {} | {} | {} |\n", md_cell(c.rung), md_cell(c.name), c.unit,
                        number(c.analytic), simulated_cell(c), rel ? fmt::format("{:.3f} %", *rel * 100) : "—",
                        c.samples, ok_cell(c));
  }
  text += failed == 0 ? fmt::format("\nAll {} checks passed", checks) : fmt::format("\n{} of {} checks FAILED", failed, checks);
  text += informational == 0 ? ".\n" : fmt::format(" ({} informational rows).\n", informational);
  return text;
}

std::string validation_csv(const sim::ValidationReport& report) {
  std::string text =
      "rung,check,kind,unit,analytic,simulated,ci99_low,ci99_high,relative_error,samples,passed,rule\n";
  for (const auto& c : report.checks) {
    const auto rel = relative_error(c);
    text += fmt::format("{},{},{},{},{:.17g},{:.17g},{:.17g},{:.17g},{},{},{},{}\n", csv_field(c.rung),
                        csv_field(c.name), sim::to_string(c.kind), csv_field(c.unit), c.analytic, c.simulated, c.ci_lo,
                        c.ci_hi, rel ? fmt::format("{:.17g}", *rel) : "", c.samples,
                        c.informational ? "n/a" : c.passed ? "true" : "false",
                        csv_field(c.rule));
  }
  return text;
}

int validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim validate [options] [TRACE.json...]\n\n"
      "Runs the validation ladder: built-in scenarios simulated through the real engine and world, each\n"
      "next to its exact or analytic value (retries, restart under crashes, processor sharing, DAG\n"
      "bounds, M/M/c, M/G/1-PS, absorbing Markov chains, startup arithmetic), and, for each WfCommons\n"
      "trace given, the engine's zero-overhead replay against the recorded makespan and, within each\n"
      "workflow family (the file name up to its first '-'), each instance's makespan predicted by a\n"
      "model fitted on the family's other instances. Exit 1 if a check fails.\n\noptions");
  sim::ValidationOptions vo;
  std::string out_dir;
  std::string seed, threads, max_error, bandwidth;  // text: see parse_unsigned_option
  options.add_options()
      ("help,h", "show this help")
      ("quick", po::bool_switch(&vo.quick), "fewer replications: the CI ladder (seconds)")
      ("out,o", po::value(&out_dir), "also write DIR/validation.md and DIR/validation.csv")
      ("seed,s", po::value(&seed), "seed (default 42)")
      ("max-error", po::value(&max_error),
       "traces: a predicted makespan (and a family's median) fails beyond this relative error (default 0.25)")
      ("bandwidth", po::value(&bandwidth), "traces: staging bandwidth of the trace model in MB/s (default 125; 0: none)")
      ("threads,j", po::value(&threads),
       fmt::format("worker threads, at most {} (default: all cores); results do not depend on it", kMaxThreads).c_str());
  const po::variables_map vm = parse_with_files(args, options, vo.traces, "WfCommons trace");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (vm.count("seed")) vo.seed = parse_unsigned_option(seed, "seed", 0, UINT64_MAX);
  if (vm.count("max-error")) vo.trace_max_error = parse_number_option(max_error, "max-error", 0, 100, "");
  if (vm.count("bandwidth")) {
    vo.trace_bandwidth_bps = 1e6 * parse_number_option(bandwidth, "bandwidth", 0, 1e9, " MB/s (0: no staging time)");
  }
  if (vm.count("threads")) {
    vo.threads = static_cast<unsigned>(parse_unsigned_option(threads, "threads", 0, kMaxThreads, " (0: all cores)"));
  }

  const auto started = std::chrono::steady_clock::now();
  const sim::ValidationReport report = sim::run_validation(vo);
  const std::string markdown = validation_markdown(report);
  if (!out_dir.empty()) {
    const std::string csv = validation_csv(report);
    write_file_atomically((std::filesystem::path(out_dir) / "validation.md").string(), markdown);
    write_file_atomically((std::filesystem::path(out_dir) / "validation.csv").string(), csv);
  }
  out << markdown;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  err << fmt::format("({:.2f} s)\n", seconds);
  return report.passed() ? kExitOk : kExitCheckFailed;
}

}  // namespace orchsim::cli
