#include "sim/input/databricks_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/input/bundle_includes.h"
#include "sim/input/glob_pattern.h"
#include "sim/input/bundle_variables.h"
#include "sim/input/config_document.h"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const std::string& line : lines) out += "\n  " + line;
    return (out + "\n}").c_str();
  }
};
}  // namespace doctest

namespace orchsim::sim {
namespace {

namespace fs = std::filesystem;

std::string fixture(const std::string& relative) {
  return std::string(ORCHSIM_SOURCE_DIR) + "/tests/fixtures/databricks/" + relative;
}

BundleOptions options(std::string target = "", std::vector<std::pair<std::string, std::string>> vars = {}) {
  BundleOptions o;
  o.target = std::move(target);
  o.vars = std::move(vars);
  o.read_process_env = false;  // tests never depend on the process environment
  return o;
}

DatabricksSource parse(const std::string& text, const std::string& file = "mem/databricks.yml",
                       const BundleOptions& o = options()) {
  return parse_databricks_source(text, file, o);
}

// Every diagnostic `run` throws, as "file:line:col: message"; empty when it throws none.
std::vector<std::string> errors_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const Diagnostic& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

std::vector<std::string> errors(const std::string& text, const std::string& file = "mem/databricks.yml",
                                const BundleOptions& o = options()) {
  return errors_of([&] { parse(text, file, o); });
}

const DatabricksJobSource& job(const DatabricksSource& source, const std::string& key) {
  const auto it = std::find_if(source.jobs.begin(), source.jobs.end(), [&](const auto& j) { return j.key == key; });
  REQUIRE(it != source.jobs.end());
  return *it;
}

// The node at a dotted path of map keys.
const ConfigNode& at(const ConfigNode& node, const std::string& path) {
  const ConfigNode* cur = &node;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    cur = cur->find(key);
    REQUIRE_MESSAGE(cur != nullptr, path);
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *cur;
}

const ConfigNode& task(const DatabricksJobSource& j, const std::string& task_key) {
  for (const ConfigNode& t : at(j.settings, "tasks").items) {
    if (t.find("task_key") != nullptr && t.find("task_key")->scalar == task_key) return t;
  }
  FAIL("no task " << task_key);
  return j.settings;
}

bool listed(const DatabricksSource& s, const std::string& key) {
  return std::any_of(s.unmodelled.begin(), s.unmodelled.end(), [&](const auto& u) { return u.first == key; });
}

// A scratch bundle folder, removed afterwards.
struct TempBundle {
  fs::path root;
  explicit TempBundle(const std::string& name) {
    root = fs::temp_directory_path() / fmt::format("orchsim-dbx-{}-{}", name, static_cast<const void*>(this));
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~TempBundle() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((root / relative).parent_path());
    std::ofstream(root / relative) << text;
  }
  std::string path() const { return root.string(); }
};

// --- envelopes -----------------------------------------------------------------------------------

TEST_CASE("databricks reader: Jobs API settings, reset payload, jobs get and jobs list") {
  const DatabricksSource settings = parse(R"({"name": " nightly ", "tasks": [{"task_key": "a"}]})", "job.json");
  CHECK(settings.envelope == DatabricksEnvelope::kJobSettings);
  REQUIRE(settings.jobs.size() == 1);
  CHECK(settings.jobs[0].key == "nightly");  // trimmed
  CHECK(settings.jobs[0].job_id.empty());
  CHECK(settings.files == std::vector<std::string>{"job.json"});

  const DatabricksSource reset = parse(R"({"job_id": 7, "new_settings": {"tasks": []}})", "reset.json");
  CHECK(reset.envelope == DatabricksEnvelope::kJobSettings);
  CHECK(reset.jobs.at(0).key == "job_7");
  CHECK(reset.jobs.at(0).job_id == "7");

  const DatabricksSource get = parse(R"({"job_id": 14, "created_time": 1, "settings": {"name": "Demo", "tasks": []}})", "get.json");
  CHECK(get.envelope == DatabricksEnvelope::kJobsGet);
  CHECK(get.jobs.at(0).key == "Demo");
  CHECK(get.jobs.at(0).job_id == "14");
  CHECK(get.jobs.at(0).where.line == 1);
  CHECK(get.jobs.at(0).where.column == 47);  // the settings' '{'

  const DatabricksSource list = parse(R"({"jobs": [
      {"job_id": 1, "settings": {"name": "etl", "tasks": []}},
      {"job_id": 2, "settings": {"name": "etl", "tasks": []}},
      {"job_id": 3, "settings": {"tasks": []}}], "has_more": false})", "list.json");
  CHECK(list.envelope == DatabricksEnvelope::kJobsList);
  REQUIRE(list.jobs.size() == 3);
  CHECK(list.jobs[0].key == "etl");
  CHECK(list.jobs[1].key == "etl_2");  // names made unique
  CHECK(list.jobs[2].key == "job_3");
  CHECK(list.jobs[2].job_id == "3");
  CHECK(parse(R"({"jobs": [], "has_more": false})", "empty.json").jobs.empty());
}

// JobSettings.environments is a list of serverless environments (bundle schema, jobs.JobSettings);
// dbx's `environments` is a map of deployment environments. Found by the export round trip.
TEST_CASE("databricks reader: a job's list of serverless environments is job settings, not dbx") {
  const DatabricksSource s = parse(R"({"name": "j", "environments": [{"environment_key": "default", "spec": )"
                                   R"({"environment_version": "2"}}], "tasks": [{"task_key": "a", "environment_key": "default"}]})",
                                   "job.json");
  CHECK(s.envelope == DatabricksEnvelope::kJobSettings);
  REQUIRE(s.jobs.size() == 1);
  CHECK(s.jobs[0].key == "j");
}

TEST_CASE("databricks reader: dbx deployment files, by environment") {
  const std::string text = R"({"environments": {
      "default": {"workflows": [{"name": "w1", "tasks": []}, {"name": "w2", "tasks": []}]},
      "prod": {"jobs": [{"name": "p1", "tasks": []}]}}})";
  const DatabricksSource d = parse(text, "deployment.json");
  CHECK(d.envelope == DatabricksEnvelope::kDbxDeployment);
  REQUIRE(d.jobs.size() == 2);
  CHECK(d.jobs[1].key == "w2");
  CHECK(parse(text, "deployment.json", options("prod")).jobs.at(0).key == "p1");
  CHECK(errors(text, "deployment.json", options("staging")) ==
        std::vector<std::string>{"deployment.json:1:18: no environment 'staging': choose one of this dbx file's "
                                 "environments with --target: default, prod"});

  // Older dbx JSON puts the environments at the top; YAML deployment files nest them under `environments`.
  const DatabricksSource legacy = parse(R"({"dev": {"jobs": [{"name": "a", "tasks": []}]},
                                            "qa": {"jobs": [{"name": "b", "tasks": []}]}})", "deployment.json", options("qa"));
  CHECK(legacy.envelope == DatabricksEnvelope::kDbxDeployment);
  CHECK(legacy.jobs.at(0).key == "b");
  CHECK(errors(R"({"dev": {"jobs": [{"name": "a"}]}, "qa": {"jobs": [{"name": "b"}]}})", "d.json") ==
        std::vector<std::string>{"d.json:1:1: several environments and none is 'default': choose one of this dbx "
                                 "file's environments with --target: dev, qa"});
  const DatabricksSource yaml = parse("environments:\n  default:\n    workflows:\n      - name: y\n        tasks: []\n",
                                      "deployment.yml");
  CHECK(yaml.envelope == DatabricksEnvelope::kDbxDeployment);
  CHECK(yaml.jobs.at(0).key == "y");
}

TEST_CASE("databricks reader: a resources file without 'bundle:' is a bundle; job keys are the resources keys") {
  const DatabricksSource s = parse("resources:\n  jobs:\n    b_job:\n      name: Second\n    a_job:\n      name: First\n",
                                   "mem/resources/job.yml");
  CHECK(s.envelope == DatabricksEnvelope::kBundle);
  REQUIRE(s.jobs.size() == 2);
  CHECK(s.jobs[0].key == "b_job");  // in definition order
  CHECK(s.jobs[0].where.line == 3);
  CHECK(s.jobs[0].where.column == 5);
  CHECK(s.jobs[0].job_id == bundle_job_placeholder_id("b_job"));
  CHECK(s.jobs[0].job_id != s.jobs[1].job_id);
}

TEST_CASE("databricks reader: a resources file read out of its bundle keeps undeclared variables as written") {
  // No `bundle:` and no `variables:`: the variables are declared in a databricks.yml not given.
  const DatabricksSource s = parse(
      "resources:\n  jobs:\n    j:\n      name: ${var.prefix}-j\n      tasks:\n        - task_key: t\n"
      "          run_job_task: {job_id: '${resources.jobs.elsewhere.id}'}\n", "mem/resources/j.yml");
  CHECK(at(s.jobs.at(0).settings, "name").scalar == "${var.prefix}-j");
  REQUIRE(listed(s, "var.prefix"));
  CHECK(s.unmodelled.at(0).second.line == 4);
  CHECK(at(task(s.jobs.at(0), "t"), "run_job_task.job_id").scalar == "${resources.jobs.elsewhere.id}");
  CHECK(listed(s, "resources.jobs.elsewhere"));
}

TEST_CASE("looks_like_databricks claims every envelope and never a scenario or a WfCommons trace") {
  Diagnostics d;
  const auto claims = [&](const std::string& text, const std::string& file) {
    return looks_like_databricks(read_config_document(text, file, d));
  };
  CHECK(claims("resources:\n  jobs: {}\n", "a.yml"));
  CHECK(claims("bundle:\n  name: x\n", "a.yml"));
  CHECK(claims(R"({"name": "x", "tasks": []})", "a.json"));
  CHECK(claims(R"({"job_id": 1, "settings": {}})", "a.json"));
  CHECK(claims(R"({"jobs": []})", "a.json"));
  CHECK(claims(R"({"default": {"jobs": [{"name": "x"}]}})", "a.json"));
  CHECK_FALSE(claims("workload:\n  tasks: []\nstrategies: []\n", "s.yml"));
  CHECK_FALSE(claims("sweep: {}\nresources: {}\n", "s.yml"));
  CHECK_FALSE(claims(R"({"name": "trace", "workflow": {"tasks": []}})", "t.json"));
  CHECK_FALSE(claims(R"({"name": "only a name"})", "t.json"));
  CHECK_FALSE(claims("[1, 2]", "t.json"));
  CHECK(d.empty());
}

TEST_CASE("databricks reader: JSON syntax errors name JSON; other content is refused at its start") {
  CHECK(errors("{\"name\": \"x\",\n \"tasks\": [],}", "job.json") ==
        std::vector<std::string>{"job.json:2:14: malformed JSON: expected a string key, found '}'"});
  CHECK(errors("{\"timeout_seconds\": 3600,}", "job.json").at(0).find("malformed JSON") != std::string::npos);
  CHECK(errors("{\"a\": 1}", "x.json") ==
        std::vector<std::string>{"x.json:1:1: not a Databricks job definition: expected a bundle (resources.jobs), Jobs "
                                 "API job settings (with tasks), a 'jobs get' or 'jobs list' response, or a dbx "
                                 "deployment file"});
  CHECK(errors("", "x.json") == std::vector<std::string>{"x.json:1:1: the file is empty: expected a Databricks job definition"});
}

// --- bundles: the fixture ------------------------------------------------------------------------

TEST_CASE("databricks reader: a bundle folder with includes, its default target and variables") {
  const std::string root = fixture("bundle");
  const DatabricksSource s = read_databricks_source(root, options());
  CHECK(s.envelope == DatabricksEnvelope::kBundle);
  CHECK(s.root == root);
  CHECK(s.files == std::vector<std::string>{root + "/databricks.yml", root + "/resources/etl.yml",
                                            root + "/resources/ml/train.yaml"});
  REQUIRE(s.jobs.size() == 2);
  CHECK(s.jobs[0].key == "etl");
  CHECK(s.jobs[1].key == "train");
  const DatabricksJobSource& etl = s.jobs[0];
  CHECK(at(etl.settings, "name").scalar == "sales-etl-dev");  // the default target is dev
  const ConfigNode& cluster = at(etl.settings, "job_clusters").items.at(0);
  CHECK(at(cluster, "new_cluster.node_type_id").scalar == "i3.xlarge");
  const ConfigNode& workers = at(cluster, "new_cluster.num_workers");
  CHECK(workers.scalar == "1");  // dev's value over the default 2
  CHECK_FALSE(workers.quoted);   // still a number
  CHECK(workers.where.file == root + "/resources/etl.yml");
  CHECK(workers.where.line == 10);  // where the reference is
  // ${resources.jobs.train.id} is train's placeholder id, as a number.
  const ConfigNode& run_job = at(task(etl, "report"), "run_job_task.job_id");
  CHECK(run_job.scalar == s.jobs[1].job_id);
  CHECK_FALSE(run_job.quoted);
  // The complex variable stands for its whole map, itself substituted.
  const ConfigNode& train_cluster = at(task(s.jobs[1], "fit"), "new_cluster");
  REQUIRE(train_cluster.is_map());
  CHECK(at(train_cluster, "num_workers").scalar == "1");
  CHECK(at(train_cluster, "spark_version").where.line == 18);  // written in databricks.yml's variable
  CHECK(listed(s, "permissions"));
  CHECK(listed(s, "targets.dev.mode"));
}

TEST_CASE("databricks reader: --target merges the target's overrides, tasks by task_key") {
  const DatabricksSource s = read_databricks_source(fixture("bundle"), options("prod"));
  const DatabricksJobSource& etl = job(s, "etl");
  CHECK(at(etl.settings, "name").scalar == "sales-etl-prod");
  CHECK(at(etl.settings, "max_concurrent_runs").scalar == "3");
  const ConfigNode& tasks = at(etl.settings, "tasks");
  REQUIRE(tasks.items.size() == 4);  // extract, load, report, and prod's audit appended
  CHECK(at(tasks.items[3], "task_key").scalar == "audit");
  const ConfigNode& load = task(etl, "load");
  CHECK(at(load, "timeout_seconds").scalar == "7200");  // the target's value wins...
  CHECK(at(load, "timeout_seconds").where.line == 44);  // ...where the target wrote it
  CHECK(at(load, "notebook_task.notebook_path").scalar == "./load.py");  // the rest of the task stays
  const ConfigNode& clusters = at(etl.settings, "job_clusters");
  REQUIRE(clusters.items.size() == 1);  // merged by job_cluster_key
  CHECK(at(clusters.items[0], "new_cluster.num_workers").scalar == "8");
  CHECK(at(clusters.items[0], "new_cluster.node_type_id").scalar == "i3.2xlarge");  // prod's variable
  CHECK_FALSE(listed(s, "targets.dev.mode"));
  CHECK(errors_of([] { read_databricks_source(fixture("bundle"), options("stage")); }) ==
        std::vector<std::string>{fixture("bundle") + "/databricks.yml:30:3: --target stage: the bundle has no such "
                                                     "target (its targets: dev, prod)"});
}

TEST_CASE("databricks reader: variable precedence default < target < BUNDLE_VAR_ < --var") {
  BundleOptions o = options();
  o.env_vars = {{"BUNDLE_VAR_workers", "5"}};
  const auto workers = [](const DatabricksSource& s) {
    return at(at(job(s, "etl").settings, "job_clusters").items.at(0), "new_cluster.num_workers").scalar;
  };
  CHECK(workers(read_databricks_source(fixture("bundle"), o)) == "5");
  o.vars = {{"workers", "6"}, {"node_type", "m5.large"}};
  CHECK(workers(read_databricks_source(fixture("bundle"), o)) == "6");
  o.vars = {{"worker", "6"}};
  CHECK(errors_of([&] { read_databricks_source(fixture("bundle"), o); }) ==
        std::vector<std::string>{"--var: --var sets variable 'worker', which the bundle does not declare (did you "
                                 "mean 'workers'?)"});
}

// --- bundles: variables and references -----------------------------------------------------------

TEST_CASE("databricks reader: complex variables, paths into them, nested references") {
  const DatabricksSource s = parse(R"(bundle: {name: b}
variables:
  base: {default: "s3://lake"}
  path: {default: "${var.base}/raw"}
  spec:
    type: complex
    default: {keys: [first, second], nested: {where: "${var.path}"}}
resources:
  jobs:
    j:
      tags: ${var.spec}
      description: "${var.spec.keys[1]} at ${variables.path.value}"
      parameters:
        - name: p
          default: ${var.spec.nested.where}
)");
  const ConfigNode& settings = s.jobs.at(0).settings;
  CHECK(at(settings, "tags").is_map());
  CHECK(at(settings, "tags.nested.where").scalar == "s3://lake/raw");
  CHECK(at(settings, "description").scalar == "second at s3://lake/raw");
  CHECK(at(settings, "description").quoted);
  CHECK(at(settings, "parameters").items.at(0).find("default")->scalar == "s3://lake/raw");
}

TEST_CASE("databricks reader: references left as written, and bundle.target without a target") {
  const DatabricksSource s = parse(R"(bundle: {name: b}
resources:
  jobs:
    j:
      name: ${bundle.name}-${bundle.target}
      description: "${workspace.current_user.userName} ${artifacts.w.path} ${resources.pipelines.p.id} {{job.id}} ${ not a ref }"
)");
  const ConfigNode& settings = s.jobs.at(0).settings;
  CHECK(at(settings, "name").scalar == "b-default");
  CHECK(at(settings, "description").scalar ==
        "${workspace.current_user.userName} ${artifacts.w.path} ${resources.pipelines.p.id} {{job.id}} ${ not a ref }");
}

TEST_CASE("databricks reader: reference errors are reported at the reference, all at once") {
  const std::vector<std::string> e = errors(R"(variables:
  node_type: {default: x}
  a: {default: "${var.b}"}
  b: {default: "${var.a}"}
  wh: {lookup: {warehouse: Shared}}
  unset: {description: none}
  spec: {type: complex, default: {k: v}}
resources:
  jobs:
    j:
      name: ${var.node_typ}
      description: ${var.a}
      tags:
        w: ${var.wh}
        u: ${var.unset}
        s: "in a string: ${var.spec}"
        k: ${var.spec.key}
        r: ${resources.jobs.jj.id}
        t: ${vars.node_type}
)");
  CHECK(e == std::vector<std::string>{
                 "mem/databricks.yml:11:13: ${var.node_typ}: no variable 'node_typ' is declared (did you mean 'node_type'?)",
                 "mem/databricks.yml:4:16: ${var.a}: the variables refer to each other in a cycle: var.a -> var.b -> var.a",
                 "mem/databricks.yml:14:12: ${var.wh}: variable 'wh' is a lookup (at 5:16) that orchsim cannot resolve "
                 "offline; give its value with --var wh=...",
                 "mem/databricks.yml:15:12: ${var.unset}: variable 'unset' (declared at 6:3) has no value: give it a "
                 "default, a value in the target, or --var unset=...",
                 "mem/databricks.yml:16:12: ${var.spec} is a map and cannot be put inside a string",
                 "mem/databricks.yml:17:12: ${var.spec.key}: no key 'key' in the variable's map (did you mean 'k'?)",
                 "mem/databricks.yml:18:12: ${resources.jobs.jj.id}: the bundle defines no job 'jj' (did you mean 'j'?)",
                 "mem/databricks.yml:19:12: unknown reference ${vars.node_type} (did you mean 'var'?)",
             });
  // A lookup is fine once --var gives the value.
  CHECK(at(parse("variables:\n  wh: {lookup: {warehouse: S}}\nresources:\n  jobs:\n    j: {name: '${var.wh}'}\n",
                 "mem/databricks.yml", options("", {{"wh", "abc123"}}))
               .jobs.at(0)
               .settings,
           "name")
            .scalar == "abc123");
  CHECK(errors("variables:\n  spec: {type: complex, default: {}}\n", "mem/databricks.yml", options("", {{"spec", "x"}})) ==
        std::vector<std::string>{"--var: --var cannot set the complex variable 'spec' (give it in the target instead)"});
}

// --- bundles: YAML features ----------------------------------------------------------------------

TEST_CASE("databricks reader: anchors, aliases, merge keys and flow style in a bundle") {
  const DatabricksSource s = parse(R"(defaults: &cluster {spark_version: 15.4.x, num_workers: 2}
tags: &tags
  team: data
resources:
  jobs:
    j:
      tags: {<<: *tags, cost: low}
      job_clusters:
        - job_cluster_key: big
          new_cluster:
            <<: *cluster
            num_workers: 8
        - {job_cluster_key: small, new_cluster: *cluster}
      tasks: [{task_key: a, job_cluster_key: big}, {task_key: b, depends_on: [{task_key: a}]}]
)");
  const ConfigNode& settings = s.jobs.at(0).settings;
  CHECK(at(settings, "tags.team").scalar == "data");
  CHECK(at(settings, "tags.cost").scalar == "low");
  const ConfigNode& clusters = at(settings, "job_clusters");
  CHECK(at(clusters.items.at(0), "new_cluster.num_workers").scalar == "8");
  CHECK(at(clusters.items.at(0), "new_cluster.spark_version").scalar == "15.4.x");
  CHECK(at(clusters.items.at(1), "new_cluster.num_workers").scalar == "2");
  CHECK(at(settings, "tasks").items.size() == 2);
  CHECK(listed(s, "defaults"));  // an anchors-only block: allowed by the schema, listed, not read
  CHECK(listed(s, "tags"));
}

// --- bundles: top-level keys and targets ---------------------------------------------------------

TEST_CASE("databricks reader: top-level keys: typos and misplaced resource types are errors") {
  CHECK(errors("bundle: {name: b}\nresource:\n  jobs: {}\nvariable: {}\njobs: {}\n") ==
        std::vector<std::string>{
            "mem/databricks.yml:2:1: unknown top-level key 'resource' (did you mean 'resources'?)",
            "mem/databricks.yml:4:1: unknown top-level key 'variable' (did you mean 'variables'?)",
            "mem/databricks.yml:5:1: 'jobs' is a resource type: put it under 'resources:' (resources.jobs)"});
  CHECK(errors("resources:\n  job:\n    j: {}\n") ==
        std::vector<std::string>{"mem/databricks.yml:2:3: unknown resource type 'job' (did you mean 'jobs'?)"});
  const DatabricksSource s = parse(
      "bundle: {name: b}\nworkspace: {host: h}\nsync: {}\nartifacts: {}\nrun_as: {user_name: u}\n"
      "resources:\n  pipelines: {p: {}}\n  jobs: {j: {}}\n");
  for (const char* key : {"workspace", "sync", "artifacts", "run_as", "resources.pipelines"}) CHECK(listed(s, key));
  CHECK(s.unmodelled.at(0).second.line == 2);
}

TEST_CASE("databricks reader: target selection and target mistakes") {
  const std::string two_defaults = "targets:\n  a: {default: true}\n  b: {default: true}\n";
  CHECK(errors(two_defaults) ==
        std::vector<std::string>{"mem/databricks.yml:3:3: targets 'a' and 'b' are both marked 'default: true'"});
  CHECK(errors("targets:\n  dev:\n    default: true\n    modes: development\n    variables: {x: 1}\n") ==
        std::vector<std::string>{"mem/databricks.yml:4:5: unknown key 'modes' in target 'dev' (did you mean 'mode'?)",
                                 "mem/databricks.yml:5:17: target 'dev' sets variable 'x', which 'variables' does not declare"});
  CHECK(errors("variables:\n  x: {default: 1}\ntargets:\n  dev:\n    default: true\n    variables: {x: {defualt: 2}}\n") ==
        std::vector<std::string>{"mem/databricks.yml:6:20: target 'dev' gives variable 'x' a map: a variable that is not "
                                 "'type: complex' takes a value, {default: …} or {lookup: …}"});
  CHECK(errors("targets:\n  dev: {}\n", "mem/databricks.yml", options("dve")) ==
        std::vector<std::string>{"mem/databricks.yml:2:3: --target dve: the bundle has no such target (its targets: dev) "
                                 "(did you mean 'dev'?)"});
  // A target's plain value, and a complex variable's map value, and the full form with `default`.
  const DatabricksSource s = parse(R"(variables:
  n: {default: 1}
  m: {default: 1}
  c: {type: complex, default: {a: 1}}
targets:
  t:
    default: true
    variables: {n: 2, m: {default: 3}, c: {b: 2}}
resources:
  jobs:
    j: {tags: {n: "${var.n}", m: "${var.m}", c: "${var.c}"}}
)");
  const ConfigNode& tags = at(s.jobs.at(0).settings, "tags");
  CHECK(at(tags, "n").scalar == "2");
  CHECK(at(tags, "m").scalar == "3");
  CHECK(at(tags, "c.b").scalar == "2");
  CHECK(at(tags, "c").find("a") == nullptr);  // a complex target value replaces the default

  // The CLI merges before it substitutes, so a list cannot override a reference to one.
  CHECK(errors("variables:\n  t: {type: complex, default: []}\nresources:\n  jobs:\n    j:\n      tasks: ${var.t}\n"
               "targets:\n  dev:\n    default: true\n    resources:\n      jobs:\n        j:\n"
               "          tasks: [{task_key: a}]\n") ==
        std::vector<std::string>{"mem/databricks.yml:13:18: cannot merge a list into a scalar (at 6:14)"});
}

// --- bundles: includes ---------------------------------------------------------------------------

TEST_CASE("glob_match: segments, classes and **") {
  CHECK(glob_match("resources/*.yml", "resources/a.yml"));
  CHECK_FALSE(glob_match("resources/*.yml", "resources/sub/a.yml"));
  CHECK(glob_match("resources/**/*.yml", "resources/a.yml"));
  CHECK(glob_match("resources/**/*.yml", "resources/x/y/a.yml"));
  CHECK(glob_match("**", "a/b/c"));
  CHECK(glob_match("job_?.yml", "job_1.yml"));
  CHECK_FALSE(glob_match("job_?.yml", "job_12.yml"));
  CHECK(glob_match("job_[0-9].yml", "job_7.yml"));
  CHECK_FALSE(glob_match("job_[!0-9].yml", "job_7.yml"));
  CHECK(glob_match("job_[!0-9].yml", "job_x.yml"));
  CHECK(glob_match("a[.yml", "a[.yml"));  // an unclosed '[' is literal
  CHECK(glob_match("./resources/a.yml", "resources/a.yml"));
  // Many '**' collapse: no exponential search.
  CHECK_FALSE(glob_match("**/**/**/**/**/**/**/**/**/**/**/**/x", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/y"));
}

TEST_CASE("databricks reader: includes may not leave the bundle root") {
  TempBundle b("escape");
  b.write("outside.yml", "resources:\n  jobs:\n    stolen: {}\n");
  b.write("bundle/databricks.yml", "include:\n  - ../outside.yml\n  - /etc/hostname\n  - resources/*.yml\n  - missing.yml\n");
  std::error_code ec;
  fs::create_directories(b.root / "bundle/resources");
  fs::create_symlink(b.root / "outside.yml", b.root / "bundle/resources/link.yml", ec);
  REQUIRE_FALSE(ec);
  const std::string file = (fs::path(b.path()) / "bundle/databricks.yml").string();
  CHECK(errors_of([&] { read_databricks_source((b.root / "bundle").string(), options()); }) ==
        std::vector<std::string>{
            file + ":2:5: include '../outside.yml' leaves the bundle root ('..')",
            file + ":3:5: include '/etc/hostname' is absolute: includes are relative to the bundle root",
            file + ":4:5: include 'resources/*.yml': 'resources/link.yml' is a link out of the bundle root",
            file + ":5:5: include 'missing.yml' matches no file under the bundle root"});
}

TEST_CASE("databricks reader: a file included twice is read once; include outside the root file is an error") {
  TempBundle b("twice");
  b.write("databricks.yml", "include: [a.yml, '*.yml', 'a.yml']\n");
  b.write("a.yml", "resources:\n  jobs:\n    j: {name: j}\ninclude: [b.yml]\n");
  const std::vector<std::string> e = errors_of([&] { read_databricks_source(b.path(), options()); });
  CHECK(e == std::vector<std::string>{(fs::path(b.path()) / "a.yml").string() +
                                      ":4:1: 'include' is read only in the bundle's root file (databricks.yml)"});
  b.write("a.yml", "resources:\n  jobs:\n    j: {name: j}\n");
  const DatabricksSource s = read_databricks_source(b.path(), options());
  CHECK(s.files.size() == 2);  // databricks.yml (also matched by '*.yml') and a.yml once
  CHECK(s.jobs.size() == 1);
}

TEST_CASE("databricks reader: a job defined in two files, and errors of every file at once") {
  TempBundle b("dup");
  b.write("databricks.yml", "include: ['r/*.yml']\nresources:\n  jobs:\n    j: {name: j}\nbundle: {name: d}\n");
  b.write("r/a.yml", "resources:\n  jobs:\n    j: {name: again}\n");
  b.write("r/b.yml", "resources:\n  jobs:\n    k: {name: '${var.nope}'}\n");
  b.write("r/c.yml", "resources: [\n");
  const std::string root = b.path();
  const std::vector<std::string> e = errors_of([&] { read_databricks_source(root, options()); });
  REQUIRE(e.size() == 3);
  CHECK(e[0] == root + "/r/a.yml:3:5: job 'j' is defined twice (first at " + root + "/databricks.yml:4:5)");
  CHECK(e[1].find(root + "/r/c.yml:") == 0);
  CHECK(e[1].find("invalid YAML") != std::string::npos);
  CHECK(e[2] == root + "/r/b.yml:3:15: ${var.nope}: no variable 'nope' is declared");
}

TEST_CASE("databricks reader: a glob matching thousands of files stops at the cap") {
  TempBundle b("many");
  b.write("databricks.yml", "include: ['r/*.yml']\n");
  for (std::size_t i = 0; i <= kMaxIncludedFiles; ++i) b.write(fmt::format("r/{:04}.yml", i), "bundle: {}\n");
  const std::vector<std::string> e = errors_of([&] { read_databricks_source(b.path(), options()); });
  CHECK(e == std::vector<std::string>{b.path() + "/databricks.yml:1:11: include 'r/*.yml': a bundle may include at most "
                                                  "1000 files"});
}

TEST_CASE("databricks reader: a folder without a bundle file, or with two") {
  TempBundle b("folder");
  CHECK(errors_of([&] { read_databricks_source(b.path(), options()); }) ==
        std::vector<std::string>{b.path() + ": not a bundle folder: it holds no databricks.yml (nor databricks.yaml, "
                                            "bundle.yml)"});
  b.write("databricks.yml", "# nothing yet\n");
  CHECK(errors_of([&] { read_databricks_source(b.path(), options()); }) ==
        std::vector<std::string>{b.path() + "/databricks.yml:1:1: the bundle file is empty: expected bundle keys (bundle, "
                                            "resources…)"});
  b.write("bundle.yml", "bundle: {}\n");
  CHECK(errors_of([&] { read_databricks_source(b.path(), options()); }).at(0).find("a bundle has one root file") !=
        std::string::npos);
}

TEST_CASE("databricks reader: hostile bundles are refused with a message, never crashed on") {
  std::string chain = "bundle: {name: b}\nvariables:\n";
  for (int i = 0; i < 3000; ++i) chain += fmt::format("  v{}: {{default: '${{var.v{}}}'}}\n", i, i + 1);
  chain += "  v3000: {default: end}\nresources:\n  jobs:\n    j: {name: '${var.v0}'}\n";
  const std::vector<std::string> long_chain = errors(chain);
  REQUIRE_FALSE(long_chain.empty());
  CHECK(long_chain[0].find("variables refer to variables more than 64 deep") != std::string::npos);

  // Each level doubles the one below it: 2^40 values if expanded.
  std::string bomb = "bundle: {name: b}\nvariables:\n";
  for (int i = 0; i < 40; ++i) bomb += fmt::format("  v{}: {{type: complex, default: ['${{var.v{}}}', '${{var.v{}}}']}}\n", i, i + 1, i + 1);
  bomb += "  v40: {default: x}\nresources:\n  jobs:\n    j: {tags: '${var.v0}'}\n";
  const std::vector<std::string> expanded = errors(bomb);
  REQUIRE_FALSE(expanded.empty());
  CHECK(expanded[0].find("expand to more than 1000000 values") != std::string::npos);

  CHECK_FALSE(errors("resources: " + std::string(50'000, '[')).empty());
  CHECK_FALSE(errors(std::string(50'000, '['), "deep.json").empty());
  std::string many = R"({"jobs": [)";
  for (int i = 0; i < 20'000; ++i) many += fmt::format(R"({}{{"job_id": {}, "settings": {{"name": "same"}}}})", i ? "," : "", i);
  CHECK(parse(many + "]}", "list.json").jobs.back().key == "same_20000");
}

// --- the public examples, when present -----------------------------------------------------------

std::vector<fs::path> files_in(const fs::path& dir, const std::string& ending) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= ending.size() && name.substr(name.size() - ending.size()) == ending) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("databricks reader: the public examples read (skipped without ORCHSIM_EXAMPLES_DIR)") {
  const fs::path examples = ORCHSIM_EXAMPLES_DIR;
  std::vector<fs::path> files;
  for (const char* ending : {".yml", ".json"}) {
    for (const fs::path& f : files_in(examples / "databricks", ending)) files.push_back(f);
  }
  for (const fs::path& f : files_in(examples / "databricks-bundle-schema/pass", ".yml")) files.push_back(f);
  for (const fs::path& f : files_in(examples / "databricks-bundle-schema/anchors", ".yml")) files.push_back(f);
  if (files.empty()) return;  // the examples are not there
  for (const fs::path& f : files) {
    CAPTURE(f.string());
    const std::vector<std::string> e = errors_of([&] { read_databricks_source(f.string(), options()); });
    CHECK_MESSAGE(e.empty(), fmt::format("{}", fmt::join(e, "\n")));
  }
  // Of the schema's fail/ files, these two break what the reader checks (a reference to a variable
  // that is not declared: '🌍' is no letter, and 'café' in NFD is not the NFC name); the others fail on
  // job fields, which the job mapper checks.
  const fs::path fail = examples / "databricks-bundle-schema/fail";
  for (const auto& name_and_place : {std::pair<std::string, std::string>{"invalid_unicode_variable_reference.yml", ":7:28: "},
                                      {"nfd_unicode_variable_reference.yml", ":8:28: "}}) {
    const std::string& name = name_and_place.first;  // a plain reference: clang 14 cannot capture a binding
    const std::string& place = name_and_place.second;
    const std::vector<std::string> e = errors_of([&] { read_databricks_source((fail / name).string(), options()); });
    REQUIRE(e.size() == 1);
    CHECK(e[0].find((fail / name).string() + place) == 0);
    CHECK(e[0].find("no variable") != std::string::npos);
  }
}

}  // namespace
}  // namespace orchsim::sim
