#!/usr/bin/env python3
"""Generates sim/input/databricks_schema_table.cpp: the job-related object types of the Databricks
bundle schema (every type reachable from resources.Job), each field's kind and whether orchsim
models it. Run from the repository root:

    python3 scripts/gen_databricks_schema.py ../shared/examples/databricks-bundle-schema/jsonschema.json

The schema itself is never copied into the project; only the generated table ships. The MODELLED
set below is orchsim's own decision (docs/databricks.md lists what each modelled field becomes).
"""
import json
import sys

SDK = "github.com/databricks/databricks-sdk-go/service/"
ROOT = "github.com/databricks/cli/bundle/config/resources.Job"

# (type short name, field) that the job mapper reads. Everything else known is listed in the import
# summary as not modelled.
MODELLED = {
    "Job": {"name", "tasks", "job_clusters", "timeout_seconds", "max_concurrent_runs", "queue", "schedule",
            "trigger", "continuous", "email_notifications", "webhook_notifications", "notification_settings",
            "health", "environments", "performance_target", "description"},
    "jobs.Task": {"task_key", "depends_on", "run_if", "disabled", "max_retries", "min_retry_interval_millis",
                  "retry_on_timeout", "timeout_seconds", "condition_task", "for_each_task", "run_job_task",
                  "job_cluster_key", "new_cluster", "existing_cluster_id", "environment_key",
                  "email_notifications", "webhook_notifications", "notification_settings", "health",
                  "notebook_task", "spark_python_task", "python_wheel_task", "spark_jar_task", "spark_submit_task",
                  "sql_task", "dbt_task", "pipeline_task", "dashboard_task", "power_bi_task", "alert_task",
                  "clean_rooms_notebook_task", "dbt_cloud_task", "dbt_platform_task", "gen_ai_compute_task",
                  "python_operator_task", "ai_runtime_task", "description"},
    "jobs.TaskDependency": {"task_key", "outcome"},
    "jobs.ConditionTask": {"op", "left", "right"},
    "jobs.ForEachTask": {"inputs", "task", "concurrency"},
    "jobs.RunJobTask": {"job_id"},
    "jobs.JobCluster": {"job_cluster_key", "new_cluster"},
    "compute.ClusterSpec": {"num_workers", "autoscale", "node_type_id", "driver_node_type_id", "instance_pool_id",
                            "driver_instance_pool_id", "runtime_engine", "spark_version",
                            "aws_attributes", "azure_attributes", "gcp_attributes", "is_single_node"},
    "compute.AutoScale": {"min_workers", "max_workers"},
    "compute.AwsAttributes": {"availability", "first_on_demand"},
    "compute.AzureAttributes": {"availability", "first_on_demand"},
    "compute.GcpAttributes": {"availability", "use_preemptible_executors"},
    "jobs.CronSchedule": {"quartz_cron_expression", "timezone_id", "pause_status"},
    "jobs.TriggerSettings": {"periodic", "file_arrival", "table_update", "table", "pause_status"},
    "jobs.Continuous": {"pause_status"},
    "jobs.PeriodicTriggerConfiguration": {"interval", "unit"},
    "jobs.FileArrivalTriggerConfiguration": {"url"},
    "jobs.TableUpdateTriggerConfiguration": {"table_names"},
    "jobs.Webhook": {"id"},
    "jobs.QueueSettings": {"enabled"},
    "jobs.JobEmailNotifications": {"on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded",
                                   "no_alert_for_skipped_runs"},
    "jobs.TaskEmailNotifications": {"on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded",
                                    "no_alert_for_skipped_runs"},
    "jobs.WebhookNotifications": {"on_start", "on_success", "on_failure", "on_duration_warning_threshold_exceeded"},
    "jobs.JobNotificationSettings": {"no_alert_for_skipped_runs", "no_alert_for_canceled_runs"},
    "jobs.TaskNotificationSettings": {"no_alert_for_skipped_runs", "no_alert_for_canceled_runs",
                                      "alert_on_last_attempt"},
    "jobs.JobsHealthRules": {"rules"},
    "jobs.JobsHealthRule": {"metric", "op", "value"},
    "jobs.JobEnvironment": {"environment_key"},
}

# Task payloads: what a task runs (a notebook path, a query, parameters). orchsim models the
# control flow, not the payload, so the task's type is what counts: their fields are checked
# against the schema but not listed as unmodelled.
PAYLOAD = {"jobs.NotebookTask", "jobs.SparkPythonTask", "jobs.PythonWheelTask", "jobs.SparkJarTask",
           "jobs.SparkSubmitTask", "jobs.SqlTask", "jobs.DbtTask", "jobs.PipelineTask", "jobs.DashboardTask",
           "jobs.PowerBiTask", "jobs.AlertTask", "jobs.CleanRoomsNotebookTask", "jobs.GenAiComputeTask",
           "jobs.PythonOperatorTask", "jobs.AiRuntimeTask", "jobs.DbtCloudTask", "jobs.DbtPlatformTask"}


def main():
    schema = json.load(open(sys.argv[1]))
    defs = schema["$defs"]

    def lookup(ref):
        node = defs
        path = ref[len("#/$defs/"):]
        # Keys contain '/' (github.com/...) only as path separators; type names contain dots.
        for part in path.split("/"):
            node = node[part]
        return node, path

    types = {}   # path -> index
    order = []   # (short name, path, [(field, kind, element, type path, deprecated)])

    def first_object(node):
        for alt in node.get("oneOf", [node]):
            if alt.get("type") in ("object", "array", "integer", "number", "boolean", "string"):
                return alt
        return node

    def classify(prop):
        """(kind, element kind, object type path or None) of a property."""
        if "$ref" not in prop:
            return ("any", "any", None)
        node, path = lookup(prop["$ref"])
        if path in ("string",):
            return ("string", "any", None)
        if path in ("int", "int64"):
            return ("int", "any", None)
        if path == "float64":
            return ("number", "any", None)
        if path == "bool":
            return ("bool", "any", None)
        if path == "interface":
            return ("any", "any", None)
        alt = first_object(node)
        if path.startswith("slice/") or path.startswith("map/"):
            container = "list" if path.startswith("slice/") else "map"
            item = alt.get("items") or alt.get("additionalProperties") or {}
            kind, _, sub = classify(item) if isinstance(item, dict) else ("any", "any", None)
            return (container, kind, sub)
        t = alt.get("type")
        if t == "object" and "properties" in alt:
            return ("object", "any", path)
        if t == "object":
            return ("map", "any", None)
        if t == "string":
            return ("string", "any", None)
        if t == "integer":
            return ("int", "any", None)
        if t == "number":
            return ("number", "any", None)
        if t == "boolean":
            return ("bool", "any", None)
        return ("any", "any", None)

    def visit(path):
        if path in types:
            return
        types[path] = len(order)
        node, _ = lookup("#/$defs/" + path)
        alt = first_object(node)
        short = path.split("/")[-1]
        entry = [short, path, []]
        order.append(entry)
        for name in sorted(alt.get("properties", {})):
            prop = alt["properties"][name]
            kind, element, sub = classify(prop)
            entry[2].append((name, kind, element, sub, bool(prop.get("deprecated"))))
            if sub:
                visit(sub)

    visit(ROOT)
    out = []
    out.append("// GENERATED by scripts/gen_databricks_schema.py from the Databricks bundle schema's $defs")
    out.append("// (jsonschema.json): every object type reachable from resources.Job, its fields, and whether")
    out.append("// orchsim models each. Do not edit by hand: change the script and run it again.")
    out.append('#include "sim/input/databricks_schema.h"')
    out.append("")
    out.append("namespace orchsim::sim {")
    out.append("")
    out.append("namespace {")
    out.append("")
    kinds = {"string": "kString", "int": "kInt", "number": "kNumber", "bool": "kBool", "object": "kObject",
             "list": "kList", "map": "kMap", "any": "kAny"}
    out.append("constexpr SchemaField kFields[] = {")
    offsets = []
    count = 0
    for short, path, fields in order:
        offsets.append((count, len(fields)))
        modelled = MODELLED.get("Job" if path == ROOT else short, set())
        for name, kind, element, sub, deprecated in fields:
            idx = types[sub] if sub else -1
            out.append(f'    {{"{name}", SchemaKind::{kinds[kind]}, SchemaKind::{kinds[element]}, {idx}, '
                       f'{"true" if name in modelled else "false"}, {"true" if deprecated else "false"}}},')
            count += 1
    out.append("};")
    out.append("")
    out.append("}  // namespace")
    out.append("")
    out.append("std::span<const SchemaType> schema_types() {")
    out.append("  static constexpr SchemaType kTypes[] = {")
    for (short, path, fields), (begin, n) in zip(order, offsets):
        display = "Job" if path == ROOT else short
        payload = "true" if short in PAYLOAD else "false"
        out.append(f'      {{"{display}", std::span<const SchemaField>(kFields + {begin}, {n}), {payload}}},')
    out.append("  };")
    out.append("  return kTypes;")
    out.append("}")
    out.append("")
    out.append("}  // namespace orchsim::sim")
    sys.stdout.write("\n".join(out) + "\n")
    print(f"{len(order)} types, {count} fields", file=sys.stderr)


if __name__ == "__main__":
    main()
