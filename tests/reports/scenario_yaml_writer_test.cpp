// scenario_yaml (orchsim import's writer): loading what it writes gives back the same scenario.
// Checked field by field, and through the deployments: every strategy of the reloaded scenario
// exports to the same Databricks bundle and JSON, byte for byte. Over every shipped scenario and a
// fixture that uses every key the writer can write.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "models/deployment.h"
#include "reports/databricks_bundle_writer.h"
#include "reports/databricks_json_writer.h"
#include "reports/scenario_yaml_writer.h"
#include "sim/input/load_input.h"
#include "sim/input/scenario_loader.h"

using namespace orchsim;
namespace fs = std::filesystem;

namespace {

std::string write(const sim::ScenarioSpec& s) {
  return reports::scenario_yaml({.source = s.file, .name = s.name, .description = s.description,
                                 .seed = s.experiment.seed, .replications = s.experiment.replications,
                                 .workload = s.workload, .catalog = s.catalog, .world = s.world,
                                 .strategies = s.strategies});
}

void check_same(const models::Distribution& a, const models::Distribution& b) {
  CHECK(a.kind() == b.kind());
  CHECK(a.parameters() == b.parameters());
}

void check_same(const Notifications& a, const Notifications& b) {
  CHECK(a.on_start == b.on_start);
  CHECK(a.on_success == b.on_success);
  CHECK(a.on_failure == b.on_failure);
  CHECK(a.on_retry == b.on_retry);
  CHECK(a.duration_warning == b.duration_warning);
  CHECK(a.alert_on_last_attempt == b.alert_on_last_attempt);
  CHECK(a.no_alert_for_skipped_runs == b.no_alert_for_skipped_runs);
  CHECK(a.no_alert_for_canceled_runs == b.no_alert_for_canceled_runs);
}

void check_same(const models::ClusterTemplate& a, const models::ClusterTemplate& b) {
  CHECK(a.kind == b.kind);
  CHECK(a.node_type == b.node_type);
  CHECK(a.workers == b.workers);
  REQUIRE(a.autoscale.has_value() == b.autoscale.has_value());
  if (a.autoscale) {
    CHECK(a.autoscale->min_workers == b.autoscale->min_workers);
    CHECK(a.autoscale->max_workers == b.autoscale->max_workers);
    CHECK(a.autoscale->scale_up_delay == b.autoscale->scale_up_delay);
    CHECK(a.autoscale->scale_down_after == b.autoscale->scale_down_after);
  }
  check_same(a.startup, b.startup);
  check_same(a.serverless_startup, b.serverless_startup);
  CHECK(a.sku == b.sku);
  CHECK(a.photon == b.photon);
  CHECK(a.spot_workers == b.spot_workers);
  CHECK(a.first_on_demand == b.first_on_demand);
  CHECK(a.auto_terminate_after == b.auto_terminate_after);
  CHECK(a.noisy_neighbour_load == b.noisy_neighbour_load);
  CHECK(a.max_contexts == b.max_contexts);
  CHECK(a.dispatch_overhead == b.dispatch_overhead);
}

void check_same(const RetryPolicy& a, const RetryPolicy& b) {
  CHECK(a.max_retries == b.max_retries);
  CHECK(a.min_retry_interval == b.min_retry_interval);
  CHECK(a.retry_on_timeout == b.retry_on_timeout);
  CHECK(a.backoff == b.backoff);
  CHECK(a.shape->multiplier == b.shape->multiplier);
  CHECK(a.shape->max_delay == b.shape->max_delay);
  CHECK(a.jitter == b.jitter);
  CHECK(a.shape->jitter_fraction == b.shape->jitter_fraction);
  CHECK(a.shape->delays == b.shape->delays);
  CHECK(a.anchor == b.anchor);
  CHECK(a.retry_on.task_error == b.retry_on.task_error);
  CHECK(a.retry_on.infrastructure == b.retry_on.infrastructure);
}

// Command: a std::optional<TaskCommand> (a gate's) or a models::BoxedOptional<TaskCommand> (a task's).
template <class Command>
void check_same_command(const Command& a, const Command& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->argv == b->argv);
  CHECK(a->shell == b->shell);
  CHECK(a->permanent_exit_codes == b->permanent_exit_codes);
}

void check_same(const std::optional<QualityGate>& a, const std::optional<QualityGate>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  check_same_command(a->command, b->command);
  CHECK(a->min_rows == b->min_rows);
  CHECK(a->max_rows == b->max_rows);
  CHECK(a->columns == b->columns);
  CHECK(a->failure_probability == b->failure_probability);
  CHECK(a->duration == b->duration);
}

void check_same(const models::WorkloadTask& a, const models::WorkloadTask& b) {
  INFO("task ", a.key);
  CHECK(a.key == b.key);
  REQUIRE(a.depends_on.size() == b.depends_on.size());
  for (std::size_t k = 0; k < a.depends_on.size(); ++k) {  // where they are written differs
    CHECK(a.depends_on[k].task == b.depends_on[k].task);
    CHECK(a.depends_on[k].gate == b.depends_on[k].gate);
  }
  CHECK(a.duration == b.duration);
  CHECK(a.cores == b.cores);
  CHECK(a.rare->mem_gib == b.rare->mem_gib);
  CHECK(a.failure_probability == b.failure_probability);
  CHECK(a.rare->permanent_failure_probability == b.rare->permanent_failure_probability);
  CHECK(a.rare->failure_rate_per_hour == b.rare->failure_rate_per_hour);
  CHECK(a.placement->preferred_node_type == b.placement->preferred_node_type);
  CHECK(a.placement->required_node_type == b.placement->required_node_type);
  CHECK(a.placement->group == b.placement->group);
  CHECK(a.placement->cluster == b.placement->cluster);
  check_same(a.retry, b.retry);
  CHECK(a.rare->timeout == b.rare->timeout);
  CHECK(a.run_if == b.run_if);
  REQUIRE(a.orchestration->condition.has_value() == b.orchestration->condition.has_value());
  if (a.orchestration->condition) {
    CHECK(a.orchestration->condition->op == b.orchestration->condition->op);
    CHECK(a.orchestration->condition->left == b.orchestration->condition->left);
    CHECK(a.orchestration->condition->right == b.orchestration->condition->right);
  }
  REQUIRE(a.orchestration->for_each.has_value() == b.orchestration->for_each.has_value());
  if (a.orchestration->for_each) {
    CHECK(a.orchestration->for_each->inputs == b.orchestration->for_each->inputs);
    CHECK(a.orchestration->for_each->concurrency == b.orchestration->for_each->concurrency);
  }
  CHECK(a.disabled == b.disabled);
  CHECK(a.writes->tables == b.writes->tables);
  check_same(*a.alerts, *b.alerts);
  check_same_command(a.command, b.command);
  check_same(a.writes->gate, b.writes->gate);
}

void check_same_workload(const models::Workload& a, const models::Workload& b) {
  CHECK(a.name == b.name);
  CHECK(a.job.evaluation == b.job.evaluation);
  CHECK(a.job.max_concurrent_runs == b.job.max_concurrent_runs);
  CHECK(a.job.queue == b.job.queue);
  CHECK(a.job.max_queue_wait == b.job.max_queue_wait);
  CHECK(a.job.timeout == b.job.timeout);
  CHECK(a.job.retry_budget == b.job.retry_budget);
  CHECK(a.job.rollback == b.job.rollback);
  check_same(a.job.alerts, b.job.alerts);
  CHECK(a.job.alert_policy.dedup_window == b.job.alert_policy.dedup_window);
  CHECK(a.job.alert_policy.max_per_window == b.job.alert_policy.max_per_window);
  CHECK(a.job.alert_policy.rate_window == b.job.alert_policy.rate_window);
  REQUIRE(a.job.alert_destinations.size() == b.job.alert_destinations.size());
  for (std::size_t i = 0; i < a.job.alert_destinations.size(); ++i) {
    const AlertDestination &x = a.job.alert_destinations[i], &y = b.job.alert_destinations[i];
    CHECK(x.kind == y.kind);
    CHECK(x.path == y.path);
    CHECK(x.url == y.url);
    CHECK(x.slack == y.slack);
    CHECK(x.timeout == y.timeout);
    CHECK(x.retries == y.retries);
  }
  REQUIRE(a.tasks.size() == b.tasks.size());
  for (std::size_t i = 0; i < a.tasks.size(); ++i) check_same(a.tasks[i], b.tasks[i]);
}

void check_same_world(const sim::ScenarioSpec& a, const sim::ScenarioSpec& b) {
  const auto &p = a.world.pricing, &q = b.world.pricing;
  CHECK(p.jobs_usd_per_dbu == q.jobs_usd_per_dbu);
  CHECK(p.all_purpose_usd_per_dbu == q.all_purpose_usd_per_dbu);
  CHECK(p.jobs_light_usd_per_dbu == q.jobs_light_usd_per_dbu);
  CHECK(p.serverless_usd_per_dbu == q.serverless_usd_per_dbu);
  CHECK(p.photon_dbu_multiplier == q.photon_dbu_multiplier);
  CHECK(p.spot_vm_discount == q.spot_vm_discount);
  CHECK(p.bill_vm_during_startup == q.bill_vm_during_startup);
  CHECK(p.bill_dbu_during_startup == q.bill_dbu_during_startup);
  CHECK(a.world.contention.spill_penalty == b.world.contention.spill_penalty);
  CHECK(a.world.contention.oom_crashes_per_hour == b.world.contention.oom_crashes_per_hour);
  const auto &f = a.world.faults, &g = b.world.faults;
  CHECK(f.driver_crashes_per_hour == g.driver_crashes_per_hour);
  CHECK(f.spot_losses_per_hour == g.spot_losses_per_hour);
  CHECK(f.spot_notice == g.spot_notice);
  CHECK(f.launch_failure_probability == g.launch_failure_probability);
  REQUIRE(f.scripted.size() == g.scripted.size());
  for (std::size_t i = 0; i < f.scripted.size(); ++i) {
    CHECK(f.scripted[i].at == g.scripted[i].at);
    CHECK(f.scripted[i].action == g.scripted[i].action);
    CHECK(f.scripted[i].target == g.scripted[i].target);
  }
  CHECK(a.world.mismatch_slowdown == b.world.mismatch_slowdown);
  check_same(a.world.table_restore, b.world.table_restore);
  CHECK(a.world.horizon == b.world.horizon);
  REQUIRE(a.catalog.nodes().size() == b.catalog.nodes().size());
  for (std::size_t i = 0; i < a.catalog.nodes().size(); ++i) {
    const auto &n = a.catalog.nodes()[i], &m = b.catalog.nodes()[i];
    CHECK(n.name == m.name);
    CHECK(n.vcpus == m.vcpus);
    CHECK(n.mem_gib == m.mem_gib);
    CHECK(n.dbu_per_hour == m.dbu_per_hour);
    CHECK(n.vm_usd_per_hour == m.vm_usd_per_hour);
    CHECK(n.speed == m.speed);
    CHECK(n.gpus == m.gpus);
  }
}

void check_same_strategy(const models::StrategySpec& a, const models::StrategySpec& b) {
  INFO("strategy ", a.name);
  CHECK(a.name == b.name);
  CHECK(a.kind == b.kind);
  check_same(a.cluster, b.cluster);
  CHECK(a.trigger_latency == b.trigger_latency);
  CHECK(a.multi_job_by_group == b.multi_job_by_group);
  CHECK(a.hybrid.work_core_hours_above == b.hybrid.work_core_hours_above);
  CHECK(a.hybrid.mem_gib_above == b.hybrid.mem_gib_above);
  CHECK(a.hybrid.special_node_type == b.hybrid.special_node_type);
  REQUIRE(a.pool.has_value() == b.pool.has_value());
  if (a.pool) {
    CHECK(a.pool->name == b.pool->name);
    CHECK(a.pool->min_idle == b.pool->min_idle);
    check_same(a.pool->warm_start, b.pool->warm_start);
    CHECK(a.pool->idle_timeout == b.pool->idle_timeout);
  }
  REQUIRE(a.clusters.size() == b.clusters.size());
  for (std::size_t i = 0; i < a.clusters.size(); ++i) {
    CHECK(a.clusters[i].name == b.clusters[i].name);
    check_same(a.clusters[i].cluster, b.clusters[i].cluster);
  }
}

// Every strategy of both scenarios plans to deployments that export to the same text.
void check_same_deployments(const sim::ScenarioSpec& a, const sim::ScenarioSpec& b) {
  Diagnostics d;
  const auto dag_a = a.workload.dag(d), dag_b = b.workload.dag(d);
  REQUIRE(d.empty());
  for (std::size_t i = 0; i < a.strategies.size(); ++i) {
    INFO("strategy ", a.strategies[i].name);
    const auto x = models::plan(a.workload, *dag_a, a.strategies[i], a.catalog, a.world.pricing, d);
    const auto y = models::plan(b.workload, *dag_b, b.strategies[i], b.catalog, b.world.pricing, d);
    REQUIRE(x.has_value());
    REQUIRE(y.has_value());
    CHECK(reports::databricks_bundle(*x, a.name, "").text == reports::databricks_bundle(*y, a.name, "").text);
    CHECK(reports::databricks_json(*x).text == reports::databricks_json(*y).text);
  }
}

std::string without_comments(const std::string& yaml) {
  std::string out;
  std::size_t begin = 0;
  while (begin < yaml.size()) {
    const std::size_t end = yaml.find('\n', begin);
    const std::string line = yaml.substr(begin, end - begin);
    if (line.find_first_not_of(' ') == std::string::npos || line[line.find_first_not_of(' ')] != '#') out += line + "\n";
    begin = end == std::string::npos ? yaml.size() : end + 1;
  }
  return out;
}

void check_round_trip(const sim::ScenarioSpec& original) {
  const std::string yaml = write(original);
  INFO(yaml);
  const sim::ScenarioSpec again = sim::parse_scenario(yaml, "written.yaml");
  CHECK(again.name == original.name);
  CHECK(again.description == original.description);
  CHECK(again.experiment.seed == original.experiment.seed);
  CHECK(again.experiment.replications == original.experiment.replications);
  check_same_workload(original.workload, again.workload);
  check_same_world(original, again);
  REQUIRE(again.strategies.size() == original.strategies.size());
  for (std::size_t i = 0; i < original.strategies.size(); ++i) check_same_strategy(original.strategies[i], again.strategies[i]);
  check_same_deployments(original, again);
  // Writing is a fixed point: the reloaded scenario writes the same text, but for the comments
  // (which name the file each task was read from).
  CHECK(without_comments(write(again)) == without_comments(yaml));
}


}  // namespace

TEST_SUITE("reports.scenario_yaml_writer") {
  TEST_CASE("every shipped scenario reads back the same from what import writes") {
    int scenarios = 0;
    for (const auto& entry : fs::directory_iterator(ORCHSIM_SOURCE_DIR "/scenarios")) {
      if (entry.path().extension() != ".yaml") continue;
      INFO(entry.path().string());
      const auto loaded = sim::load_input(entry.path().string(), {.use = sim::InputUse::kScenario});
      check_round_trip(*loaded.scenario);
      ++scenarios;
    }
    CHECK(scenarios >= 8);
  }

  TEST_CASE("a scenario using every key (tests/tools/export_fixture.yaml) reads back the same") {
    const auto loaded = sim::load_input(ORCHSIM_SOURCE_DIR "/tests/tools/export_fixture.yaml", {.use = sim::InputUse::kScenario});
    check_round_trip(*loaded.scenario);
  }

  TEST_CASE("the keys of orchsim exec (command, gate, alert destinations) read back the same") {
    const sim::ScenarioSpec s = sim::parse_scenario(R"(name: live
workload:
  alerts:
    events: [on_failure]
    destinations: [stdout, {jsonl: "alerts log.jsonl"}, {webhook: {url: "http://127.0.0.1:9/x"}},
                   {webhook: {url: "https://h/y", slack: true, timeout: 2s, retries: 0}}]
  tasks:
    - {task_key: a, duration: 1m, command: [python, "etl: v2.py", "--n", "3"], permanent_exit_codes: [2, 64],
       tables: [t], gate: {command: "test -s out.csv && echo ok", shell: true, min_rows: 1, max_rows: 10,
       columns: [id, "a b"], failure_probability: 0.25, duration: 30s}}
    - {task_key: b, depends_on: [a], duration: 1m, command: "exit 0", shell: true, gate: {}}
strategies: [single_job_shared_cluster]
)", "live.yaml");
    check_round_trip(s);
    const std::string yaml = write(s);
    // Hand-written: the shell form keeps `shell: true`; an empty gate stays a gate; strings with a
    // space are quoted (reports/yaml_escape.h).
    CHECK(yaml.find("      command: \"exit 0\"\n      shell: true\n      gate: {}\n") != std::string::npos);
    CHECK(yaml.find("    destinations:\n      - stdout\n      - jsonl: \"alerts log.jsonl\"\n") != std::string::npos);
  }

  TEST_CASE("defaults are left out; each task says where it came from; hand-checked text") {
    const sim::ScenarioSpec s = sim::parse_scenario(
        "name: tiny\nworkload:\n  tasks:\n    - {task_key: a, duration: 4m30s}\n    - {task_key: b, depends_on: [a], "
        "duration: 1.5h, max_retries: -1}\nstrategies: [multi_job]\n",
        "tiny.yaml");
    reports::ScenarioParts parts{.source = "tiny.yaml", .name = s.name, .description = s.description,
                                 .seed = s.experiment.seed, .replications = s.experiment.replications,
                                 .workload = s.workload, .catalog = s.catalog, .world = s.world,
                                 .strategies = s.strategies, .task_notes = {{}, {"duration: default for task type notebook"}}};
    CHECK(reports::scenario_yaml(parts) ==
          "# Written by orchsim import from tiny.yaml.\n"
          "# Settings at their default are left out: scenarios/README.md lists every key and its default.\n"
          "name: tiny\n"
          "seed: 42\n"
          "replications: 1000\n"
          "workload:\n"
          "  name: tiny\n"
          "  tasks:\n"
          "    # from tiny.yaml:4:7\n"
          "    - task_key: a\n"
          "      duration: 4m30s\n"
          "    # from tiny.yaml:5:7\n"
          "    # duration: default for task type notebook\n"
          "    - task_key: b\n"
          "      depends_on:\n"
          "        - a\n"
          "      duration: 1h30m\n"
          "      max_retries: -1\n"
          "strategies:\n"
          "  # from tiny.yaml:6:14\n"
          "  - multi_job\n");
  }

  TEST_CASE("durations are written in whole units, down to the microsecond") {
    CHECK(reports::duration_text(Duration::zero()) == "0s");
    CHECK(reports::duration_text(Duration::seconds(270)) == "4m30s");
    CHECK(reports::duration_text(Duration::hours(49)) == "2d1h");
    CHECK(reports::duration_text(Duration::micros(1'500'001)) == "1s500ms1us");
  }
}
