#include "cli/exec_command.h"

#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <fstream>
#include <memory>
#include <optional>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "cli/command_line.h"
#include "cli/databricks_input_options.h"
#include "cli/exec_status_printer.h"
#include "cli/exit_codes.h"
#include "cli/interrupt_watcher.h"
#include "cli/output_error.h"
#include "cli/runs_command.h"
#include "cli/unsigned_option.h"
#include "engine/engine.h"
#include "engine/error.h"
#include "engine/event_log.h"
#include "engine/live/alert_sink_factory.h"
#include "engine/live/file_table_store.h"
#include "engine/live/manifest_check.h"
#include "engine/live/process_task_runner.h"
#include "engine/live/run_history.h"
#include "engine/live/table_staging.h"
#include "engine/live/wall_clock_runtime.h"
#include "models/deployment.h"
#include "sim/input/load_input.h"
#include "sim/world/sim_branch_values.h"

namespace orchsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

struct ExecOptions {
  std::string file;
  std::string run_dir = kDefaultRunDir;
  std::string parallel = "0";
  std::string db;
  std::string strategy;
  double grace_seconds = 5;
  std::string repair;  // a database run id
  bool rerun_dependents = false;
  DatabricksInputOptions databricks;
};

// Every event to each sink, in order: the history first, so that a run's database id exists
// before anything else (an attempt's ORCHSIM_RUN_ID) asks for it.
class FanOutSink final : public EventSink {
 public:
  void add(EventSink& sink) { sinks_.push_back(&sink); }
  void on_event(const EngineEvent& event) override {
    for (EventSink* s : sinks_) s->on_event(event);
  }

 private:
  std::vector<EventSink*> sinks_;
};

// The JSONL event log (engine/event_log.h), flushed per event so a killed exec leaves it whole.
class FlushedEventLog final : public EventSink {
 public:
  FlushedEventLog(const fs::path& file, std::span<const JobSpec> jobs) : out_(file), log_(out_, jobs) {
    if (!out_) throw OutputError(fmt::format("cannot write {}", file.string()));
  }
  void on_event(const EngineEvent& event) override {
    log_.on_event(event);
    out_.flush();
  }
  void adopt_run(RunId run, JobId job) { log_.adopt_run(run, job); }

 private:
  std::ofstream out_;
  JsonlEventLog log_;
};

// A fresh directory for this invocation under the run directory, named by the UTC time.
fs::path new_invocation_dir(const fs::path& run_dir) {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  const std::string stem = fmt::format("{:04}{:02}{:02}-{:02}{:02}{:02}.{:03}", utc.tm_year + 1900, utc.tm_mon + 1,
                                       utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, ms);
  std::error_code ec;
  fs::create_directories(run_dir, ec);
  if (ec) throw OutputError(fmt::format("cannot create the run directory {}: {}", run_dir.string(), ec.message()));
  for (int i = 1;; ++i) {
    const fs::path dir = run_dir / (i == 1 ? stem : fmt::format("{}-{}", stem, i));
    if (fs::create_directory(dir, ec)) return dir;
    if (ec) throw OutputError(fmt::format("cannot create {}: {}", dir.string(), ec.message()));
  }
}

std::int64_t unix_micros_now() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

const models::StrategySpec& choose_strategy(const sim::ScenarioSpec& scenario, const std::string& wanted,
                                            bool databricks) {
  std::string names;
  for (const auto& s : scenario.strategies) {
    if (!wanted.empty() && s.name == wanted) return s;
    if (wanted.empty() && databricks && s.kind == models::StrategyKind::kAsDefined) return s;
    names += fmt::format("{}{}", names.empty() ? "" : ", ", s.name);
  }
  if (wanted.empty() && !scenario.strategies.empty()) return scenario.strategies.front();
  Diagnostics d;
  d.error({scenario.file, 0, 0}, fmt::format("no strategy named '{}' (this scenario has: {})", wanted, names));
  d.throw_if_any();
  throw std::logic_error("unreachable");
}

// What each job task runs; every task with work must have a command (InputError at each that has none).
std::vector<std::vector<live::ProcessTask>> process_tasks(const models::Deployment& deployment,
                                                          const models::Workload& workload) {
  Diagnostics d;
  std::vector<std::vector<live::ProcessTask>> out(deployment.jobs.size());
  for (std::size_t j = 0; j < deployment.jobs.size(); ++j) {
    const JobSpec& job = deployment.jobs[j];
    for (std::size_t t = 0; t < job.dag.size(); ++t) {
      live::ProcessTask p{.key = std::string(job.dag.key(TaskId(static_cast<std::uint32_t>(t)))), .command = {},
                          .gate = {}};
      const TaskId w = deployment.work[j][t];
      if (w.valid()) {
        const models::WorkloadTask& wt = workload.tasks[w.index()];
        if (wt.command) p.command = *wt.command;
        if (wt.writes->gate) p.gate = *wt.writes->gate;
        if (!wt.command) {
          d.error(wt.where, fmt::format("task '{}' has no command: orchsim exec runs each task's `command` "
                                        "(docs/exec.md)", wt.key));
        }
      }
      out[j].push_back(std::move(p));
    }
  }
  d.throw_if_any();
  return out;
}

std::vector<std::uint32_t> compute_caps(const models::Deployment& deployment) {
  std::vector<std::uint32_t> caps;
  for (const auto& c : deployment.computes) caps.push_back(static_cast<std::uint32_t>(std::max(0, c.cluster().max_contexts)));
  return caps;
}

int exit_code_of(JobResult result) {
  switch (result) {
    case JobResult::kSuccess: return kExitOk;
    case JobResult::kSuccessWithFailures: return kExitRunSucceededWithFailures;
    default: return kExitRunFailed;
  }
}

std::string seconds_text(Duration d) { return fmt::format("{:.3f}s", d.to_seconds()); }

// The per-task table after the run: state, attempts, first start to last end.
void print_summary(std::ostream& out, const Engine& engine, RunId run, const Trace& times) {
  const RunState& r = engine.run(run);
  const JobSpec& spec = r.spec();
  std::vector<std::optional<SimTime>> first(spec.dag.size()), last(spec.dag.size());
  for (const auto& e : times.events()) {
    if (const auto* a = std::get_if<AttemptStarted>(&e.body); a && a->run == run) {
      if (!first[a->task.index()]) first[a->task.index()] = e.time;
    } else if (const auto* f = std::get_if<TaskFinished>(&e.body); f && f->run == run) {
      last[f->task.index()] = e.time;
    }
  }
  std::size_t width = 4;
  for (std::size_t i = 0; i < spec.dag.size(); ++i) width = std::max(width, spec.dag.key(TaskId(static_cast<std::uint32_t>(i))).size());
  out << fmt::format("\n{:<{}}  {:<18} {:>8} {:>10}\n", "task", width, "state", "attempts", "duration");
  for (std::size_t i = 0; i < spec.dag.size(); ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    const TaskRunState& s = r.task(t);
    const std::string duration = first[i] && last[i] ? seconds_text(*last[i] - *first[i]) : std::string("-");
    out << fmt::format("{:<{}}  {:<18} {:>8} {:>10}\n", spec.dag.key(t), width, to_string(s.result), s.attempts, duration);
  }
  out << fmt::format("\njob {}: {}\n", spec.name, to_string(r.result()));
}

// Only the times the summary needs (AttemptStarted, TaskFinished) are kept.
class SummaryTimes final : public EventSink {
 public:
  void on_event(const EngineEvent& e) override {
    if (std::holds_alternative<AttemptStarted>(e.body) || std::holds_alternative<TaskFinished>(e.body)) trace.on_event(e);
  }
  Trace trace;
};

// Loop-thread work another thread asks for: interrupts (cancel, then kill) and alert failures.
class LoopRequests final : public TimerTarget {
 public:
  static constexpr std::uint64_t kCancel = 1;
  static constexpr std::uint64_t kKillNow = 2;
  LoopRequests(Engine& engine, live::ProcessTaskRunner& runner, RunId& run, std::ostream& err)
      : engine_(engine), runner_(runner), run_(run), err_(err) {}
  void on_timer(std::uint64_t what) override {
    if (what == kCancel) {
      err_ << "interrupted: canceling the run (press Ctrl-C again to kill the tasks now)\n";
      if (run_.valid()) engine_.cancel_run(run_);
    } else {
      err_ << "interrupted again: killing the running tasks now\n";
      runner_.kill_all_now();
    }
  }

 private:
  Engine& engine_;
  live::ProcessTaskRunner& runner_;
  RunId& run_;
  std::ostream& err_;
};

// Rebuilds the recorded run as settled tasks of the entry job, by task key.
std::vector<SettledTask> settled_tasks(const live::RecordedRun& recorded, const JobSpec& job) {
  std::vector<SettledTask> out(job.dag.size());
  Diagnostics d;
  for (std::size_t i = 0; i < job.dag.size(); ++i) {
    const std::string key(job.dag.key(TaskId(static_cast<std::uint32_t>(i))));
    const live::RecordedTask* found = nullptr;
    for (const auto& t : recorded.tasks) {
      if (t.job == job.name && t.task == key) found = &t;
    }
    if (found == nullptr || found->result == TaskResult::kNone) {
      d.error({recorded.scenario, 0, 0}, fmt::format("run {} has no recorded result for task '{}' of job '{}': was the "
                                                     "file changed since?", recorded.run_id, key, job.name));
      continue;
    }
    const bool rolled_back = found->result == TaskResult::kSuccess && !job.tasks[i].writes.empty() &&
                             recorded.result != JobResult::kSuccess &&
                             (job.rollback == RollbackScope::kJob || job.rollback == RollbackScope::kPipeline);
    out[i] = SettledTask{found->result, found->attempts, rolled_back};
  }
  d.throw_if_any();
  return out;
}

// exec --repair ID: the recorded run, from the run history at `db_path` (opened into `history`);
// nullopt without --repair.
std::optional<live::RecordedRun> run_to_repair(const ExecOptions& o, const fs::path& db_path,
                                               std::optional<live::RunHistory>& history) {
  if (o.repair.empty()) return std::nullopt;
  std::error_code ec;
  if (!fs::exists(db_path, ec)) throw po::error(fmt::format("exec --repair: no run history at {}", db_path.string()));
  history.emplace(db_path);
  const auto id = static_cast<std::int64_t>(parse_unsigned_option(o.repair, "repair", 1, INT64_MAX));
  std::optional<live::RecordedRun> recorded = history->run(id);
  if (!recorded) throw po::error(fmt::format("exec --repair: no run {} in {}", id, db_path.string()));
  if (recorded->source != "live") throw po::error(fmt::format("exec --repair: run {} was simulated, not executed", id));
  return recorded;
}

// The runner labels processes with the recorded run id and reports each process's end to the recorder.
void recorded_by(live::RunHistory::Recorder& recorder, live::ProcessRunnerOptions& options) {
  options.run_label = [&recorder](RunId run) { return std::to_string(recorder.run_id(run)); };
  options.on_process_end = [&recorder](const live::AttemptProcess& p) {
    recorder.attempt_process(p.attempt, p.exit_code, p.stdout_log, p.stderr_log);
  };
}

// Before an attempt commits: its quality gate's manifests, then the tables it staged. A failed
// check (or one that throws) is the reason the attempt fails.
std::function<std::optional<std::string>(const AttemptRequest&, const live::ProcessTask&)> staged_output_check(
    const models::Deployment& deployment, const live::FileTableStore& tables, const fs::path& invocation) {
  return [&deployment, &tables, invocation](const AttemptRequest& request,
                                            const live::ProcessTask& task) -> std::optional<std::string> {
    const auto& writes = deployment.jobs[request.job.index()].tasks[request.task.index()].writes;
    try {
      if (task.gate) {
        std::vector<std::string> names;
        for (TableId t : writes) names.push_back(deployment.tables[t.index()]);
        if (auto why = live::check_manifests(*task.gate, live::staging_dir(invocation, request.attempt), names)) return why;
      }
      return tables.check_staged(writes, request.attempt);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
  };
}

// The plan `exec` runs: `strategy`'s layout of the scenario's workload; throws its problems.
std::optional<models::Deployment> plan_or_throw(const sim::ScenarioSpec& scenario, const models::StrategySpec& strategy) {
  Diagnostics diagnostics;
  const auto dag = scenario.workload.dag(diagnostics);
  diagnostics.throw_if_any();
  auto deployment = models::plan(scenario.workload, *dag, strategy, scenario.catalog, scenario.world.pricing, diagnostics);
  diagnostics.throw_if_any();
  return deployment;
}

std::vector<std::string> compute_names(const models::Deployment& deployment) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < deployment.computes.size(); ++c) names.emplace_back(deployment.compute_names[c]);
  return names;
}

// Alerts a sink failed to deliver, collected from the sinks' threads and recorded in the run
// history on the loop thread once the sinks are gone.
class DeferredAlertFailures {
 public:
  live::AlertFailureHook collector() {
    return [this](const Alert& a, const std::string& sink, const std::string& error) {
      std::lock_guard lock(mutex_);
      failures_.emplace_back(a, sink, error);
    };
  }
  void record_to(live::RunHistory::Recorder& recorder) const {
    for (const auto& [a, sink, error] : failures_) recorder.alert_delivery_failed(a, sink, error);
  }

 private:
  std::mutex mutex_;
  std::vector<std::tuple<Alert, std::string, std::string>> failures_;
};

// Where the engine's events go during `exec`: the run history, the invocation's events.jsonl, a
// line per state change on stdout, and the times the closing summary needs.
struct ExecEventSinks {
  ExecEventSinks(live::RunHistory::Recorder& recorder, const fs::path& invocation, const models::Deployment& deployment,
                 std::int64_t epoch, std::ostream& out)
      : event_log(invocation / "events.jsonl", deployment.jobs), printer(out, deployment.jobs, deployment.tables, epoch) {
    all.add(recorder);
    all.add(event_log);
    all.add(printer);
    all.add(times);
  }
  FlushedEventLog event_log;
  ExecStatusPrinter printer;
  SummaryTimes times;
  FanOutSink all;
};

// exec --repair: reruns the adopted run's failed tasks (and, asked to, what depends on them).
void start_repair(Engine& engine, RunId run, std::int64_t recorded_id, bool rerun_dependents) {
  RepairRequest request;
  request.rerun_dependent_tasks = rerun_dependents;
  const RepairOutcome outcome = engine.repair_run(run, request);
  if (!outcome.repair_id) throw po::error(fmt::format("exec --repair: run {}: {}", recorded_id, outcome.refused));
}

int run_exec(const ExecOptions& o, std::ostream& out, std::ostream& err) {
  const std::uint32_t parallel = static_cast<std::uint32_t>(parse_unsigned_option(o.parallel, "parallel", 0, 100000, " (0: no bound)"));
  if (!(o.grace_seconds >= 0 && o.grace_seconds <= 3600)) throw po::error("exec: --grace must be between 0 and 3600 seconds");
  const fs::path run_dir(o.run_dir);
  const fs::path db_path = o.db.empty() ? default_run_history(run_dir) : fs::path(o.db);

  std::optional<live::RunHistory> history;
  const std::optional<live::RecordedRun> recorded = run_to_repair(o, db_path, history);
  // A repair reruns the recorded run's file and strategy unless told otherwise.
  const std::string file = recorded && o.file.empty() ? recorded->scenario : o.file;
  const std::string strategy_name = recorded && o.strategy.empty() ? recorded->strategy : o.strategy;

  sim::LoadedInput loaded = sim::load_input(file, input_options(o.databricks, "exec"));
  if (loaded.databricks) err << loaded.databricks->summary.to_text();
  const sim::ScenarioSpec scenario = std::move(*loaded.scenario);
  const models::StrategySpec& strategy = choose_strategy(scenario, strategy_name, loaded.databricks.has_value());
  const auto deployment = plan_or_throw(scenario, strategy);
  std::vector<std::vector<live::ProcessTask>> tasks = process_tasks(*deployment, scenario.workload);
  const JobSpec& entry = deployment->jobs[deployment->entry.index()];
  std::vector<SettledTask> settled;
  if (recorded) settled = settled_tasks(*recorded, entry);

  // Everything checked: from here on the run directory is written.
  const fs::path invocation = new_invocation_dir(run_dir);
  if (!history) history.emplace(db_path);
  live::WallClockRuntime runtime;
  const std::int64_t epoch = unix_micros_now() - runtime.now().micros();
  live::RunHistory::Recorder recorder(
      *history, live::RecordingContext{.source = "live", .scenario = file, .strategy = strategy.name, .replication = 0,
                                       .epoch_unix_us = epoch, .jobs = deployment->jobs, .tables = deployment->tables,
                                       .computes = compute_names(*deployment), .invocation_dir = invocation.string()});
  std::optional<live::FileTableStore> tables;
  if (!deployment->tables.empty()) tables.emplace(run_dir / "tables", deployment->tables, invocation);

  DeferredAlertFailures alert_failures;
  std::unique_ptr<live::FanOutAlertSink> alerts;
  if (!scenario.workload.job.alert_destinations.empty()) {
    alerts = live::make_alert_sink(scenario.workload.job.alert_destinations,
                                   live::AlertSinkContext{.jobs = deployment->jobs, .epoch_unix_us = epoch, .out = &out,
                                                          .err = &err, .on_failure = alert_failures.collector()});
  }

  live::ProcessRunnerOptions runner_options{.invocation_dir = invocation,
                                            .parallel = parallel,
                                            .grace = Duration::from_seconds(o.grace_seconds),
                                            .gate_failure = FailureKind::kGateFailed};
  recorded_by(recorder, runner_options);
  if (tables) runner_options.check_output = staged_output_check(*deployment, *tables, invocation);
  live::ProcessTaskRunner runner(runtime, std::move(tasks), std::move(runner_options));

  ExecEventSinks sinks(recorder, invocation, *deployment, epoch, out);
  sim::SimBranchValues branches(scenario.experiment.seed, 0);
  Engine engine(runtime, runner, sinks.all, deployment->jobs,
                EngineOptions{.seed = scenario.experiment.seed, .tables = tables ? &*tables : nullptr,
                              .restore_timing = nullptr, .alerts = alerts.get(),
                              .alert_policy = scenario.workload.job.alert_policy, .values = &branches,
                              .max_tasks_per_compute = compute_caps(*deployment)});

  RunId run = RunId::invalid();
  LoopRequests requests(engine, runner, run, err);
  InterruptWatcher watcher([&](int count) {
    runtime.post_from_any_thread(requests, count == 1 ? LoopRequests::kCancel : LoopRequests::kKillNow);
  });
  out << fmt::format("orchsim exec: {} (strategy {}), logs in {}\n", file, strategy.name, invocation.string());
  if (recorded) {
    run = engine.adopt_finished_run(deployment->entry, settled, recorded->result);
    recorder.continue_run(run, recorded->run_id);
    sinks.event_log.adopt_run(run, deployment->entry);
    sinks.printer.adopt_run(run, deployment->entry);
    start_repair(engine, run, recorded->run_id, o.rerun_dependents);
  } else {
    run = engine.start_run(deployment->entry);
  }
  runtime.run([&] { return !engine.idle() || runner.busy(); });
  alerts.reset();  // delivers what the webhook still holds (bounded)
  alert_failures.record_to(recorder);

  print_summary(out, engine, run, sinks.times.trace);
  out << fmt::format("run {} recorded in {}\n", recorder.run_id(run), db_path.string());
  return exit_code_of(engine.run(run).result());
}

}  // namespace

int exec_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  po::options_description options(
      "orchsim exec FILE [--run-dir DIR] [--parallel N] [--db F] [--strategy NAME] [--grace S]\n"
      "orchsim exec --repair RUN_ID [FILE] [--rerun-dependents] [--run-dir DIR] [--db F]\n\n"
      "Runs the entry job of FILE for real: every task's `command` as a process, with retries, timeouts,\n"
      "run_if branches, tables, rollback, gates and alerts decided by the simulator's engine. Prints a\n"
      "line per state change and a per-task summary; records the run in a SQLite history. Exit codes:\n"
      "0 SUCCESS, 1 FAILED/TIMEDOUT/CANCELED, 4 SUCCESS_WITH_FAILURES, 2 bad input, 3 internal error.\n"
      "Ctrl-C cancels the run (a second one kills the tasks at once). See docs/exec.md.\n\noptions");
  ExecOptions o;
  options.add_options()
      ("help,h", "show this help")
      ("run-dir", po::value(&o.run_dir), "where invocations (logs, events.jsonl), tables and the history go (default out/runs)")
      ("parallel", po::value(&o.parallel), "at most N task processes at once (default 0: no bound beyond the clusters' caps)")
      ("db", po::value(&o.db), "the run history (default RUN_DIR/runs.sqlite)")
      ("strategy", po::value(&o.strategy), "the layout to run (default: the first strategy; as_defined for Databricks)")
      ("grace", po::value(&o.grace_seconds), "seconds between SIGTERM and SIGKILL when a task is killed (default 5)")
      ("repair", po::value(&o.repair), "rerun the failed tasks of recorded run RUN_ID in place")
      ("rerun-dependents", po::bool_switch(&o.rerun_dependents), "with --repair: also rerun every task downstream of them");
  add_databricks_options(options, o.databricks);
  const po::variables_map vm = parse_with_file(args, options, "scenario file");
  if (vm.count("help")) {
    out << options << "\n";
    return kExitOk;
  }
  if (vm.count("file")) o.file = vm["file"].as<std::string>();
  if (o.file.empty() && o.repair.empty()) throw po::error("exec: missing the FILE to run (see 'orchsim exec --help')");
  if (o.rerun_dependents && o.repair.empty()) throw po::error("exec: --rerun-dependents applies only with --repair");
  try {
    return run_exec(o, out, err);
  } catch (const live::RunHistoryError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const live::TableStoreError& e) {
    err << "error: " << e.what() << "\n";
    return kExitBadInput;
  }
}

}  // namespace orchsim::cli
