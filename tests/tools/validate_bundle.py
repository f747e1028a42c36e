#!/usr/bin/env python3
"""Exports every strategy of every scenario with `orchsim export` and checks each output:

- the bundle YAML validates against the official Databricks bundle schema (jsonschema.json from
  databricks/cli), and the Jobs API JSON's job settings against the schema's job definition;
- it is deployable as written: every dependency names a task of the same job, an `outcome` gate
  follows only a condition task of that job, every ${resources.jobs.<k>.id} names a job of the
  bundle and every ${var.<v>} a variable it declares, and in the JSON every run_job_task.job_id is
  the placeholder id of a job created before it.

The schema's patterns use Go's \\p{L} (letter) and \\p{N} (number) classes, which Python's `re`
lacks: [\\p{L}\\p{N}] becomes [^\\W_] (word characters but '_') and a lone \\p{L} becomes [^\\W\\d_].

usage: validate_bundle.py ORCHSIM SCHEMA.json SCENARIO.yaml...
Exits 77 (CTest's "skipped") when SCHEMA.json does not exist.
"""
import json
import os
import re
import subprocess
import sys

import jsonschema
import yaml

JOB_DEF = "#/$defs/github.com/databricks/cli/bundle/config/resources.Job"


def translate_patterns(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                value = value.replace(r"[\p{L}\p{N}]", r"[^\W_]").replace(r"\p{L}", r"[^\W\d_]").replace(r"\p{N}", r"\d")
                re.compile(value)
                node[key] = value
            else:
                translate_patterns(value)
    elif isinstance(node, list):
        for item in node:
            translate_patterns(item)


def strategy_names(scenario_path):
    with open(scenario_path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    names = []
    for s in doc["strategies"]:
        names.append(s if isinstance(s, str) else s.get("name", s.get("kind")))
    return names


def report(validator, doc, where, problems):
    """The most specific schema error, if any (a oneOf failure otherwise names the whole tree)."""
    errors = list(validator.iter_errors(doc))
    if errors:
        error = jsonschema.exceptions.best_match(errors)
        problems.append(f"{where}: {len(errors)} schema error(s), e.g. {error.json_path}: {error.message[:300]}")


def check_job(job, where, problems, job_ref_ok):
    tasks = job.get("tasks", [])
    keys = {t["task_key"]: t for t in tasks}
    if len(keys) != len(tasks):
        problems.append(f"{where}: repeated task_key")
    cluster_keys = {c["job_cluster_key"] for c in job.get("job_clusters", [])}
    env_keys = {e["environment_key"] for e in job.get("environments", [])}
    for t in tasks:
        for dep in t.get("depends_on", []):
            up = keys.get(dep["task_key"])
            if up is None:
                problems.append(f"{where}: task {t['task_key']} depends on {dep['task_key']}, not in this job")
            elif "outcome" in dep and "condition_task" not in up:
                problems.append(f"{where}: task {t['task_key']} has an outcome on {dep['task_key']}, not a condition task")
        for holder in (t, t.get("for_each_task", {}).get("task", {})):
            if "job_cluster_key" in holder and holder["job_cluster_key"] not in cluster_keys:
                problems.append(f"{where}: task {t['task_key']} uses undeclared job cluster {holder['job_cluster_key']}")
            if "environment_key" in holder and holder["environment_key"] not in env_keys:
                problems.append(f"{where}: task {t['task_key']} uses undeclared environment {holder['environment_key']}")
        if "run_job_task" in t and not job_ref_ok(t["run_job_task"]["job_id"]):
            problems.append(f"{where}: task {t['task_key']} runs unknown job {t['run_job_task']['job_id']}")


def check_bundle(doc, where, problems):
    jobs = doc.get("resources", {}).get("jobs", {})
    variables = set(doc.get("variables", {}))
    text = json.dumps(doc)
    for ref in re.findall(r"\$\{resources\.jobs\.([^.}]+)\.id\}", text):
        if ref not in jobs:
            problems.append(f"{where}: reference to unknown job {ref}")
    for ref in re.findall(r"\$\{var\.([^}]+)\}", text):
        if ref not in variables:
            problems.append(f"{where}: reference to undeclared variable {ref}")
    for key, job in jobs.items():
        check_job(job, f"{where} job {key}", problems, lambda ref: True)


def check_json(doc, where, problems, job_validator):
    entries = doc["jobs"] if "jobs" in doc and "tasks" not in doc else [{"job_id": 1, "settings": doc}]
    created = set()
    for entry in entries:
        report(job_validator, entry["settings"], f"{where} job {entry['job_id']}", problems)
        check_job(entry["settings"], f"{where} job {entry['job_id']}", problems, lambda ref: ref in created)
        created.add(entry["job_id"])


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        return 2
    orchsim, schema_path, scenarios = sys.argv[1], sys.argv[2], sys.argv[3:]
    if not os.path.exists(schema_path):
        print(f"skipped: {schema_path} not found")
        return 77
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    translate_patterns(schema)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    bundle_validator = cls(schema)
    job_validator = cls({"$ref": JOB_DEF, "$defs": schema["$defs"]})
    problems, exports = [], 0
    for scenario in scenarios:
        for name in strategy_names(scenario):
            for fmt in ("bundle", "json"):
                where = f"{os.path.basename(scenario)} --strategy {name} --format {fmt}"
                run = subprocess.run([orchsim, "export", scenario, "--strategy", name, "--format", fmt],
                                     capture_output=True, text=True)
                if run.returncode != 0:
                    problems.append(f"{where}: exit {run.returncode}: {run.stderr.strip()}")
                    continue
                exports += 1
                if fmt == "bundle":
                    doc = yaml.safe_load(run.stdout)
                    report(bundle_validator, doc, where, problems)
                    check_bundle(doc, where, problems)
                else:
                    check_json(json.loads(run.stdout), where, problems, job_validator)
    for p in problems:
        print("FAIL", p)
    print(f"{exports} exports checked, {len(problems)} problems")
    return 1 if problems or exports == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
