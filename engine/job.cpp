#include "engine/job.h"

#include <fmt/format.h>

namespace orchsim {

const char* to_string(RollbackScope scope) {
  switch (scope) {
    case RollbackScope::kNone: return "none";
    case RollbackScope::kTask: return "task";
    case RollbackScope::kJob: return "job";
    case RollbackScope::kPipeline: return "pipeline";
  }
  return "?";
}

void validate(const JobSpec& job, std::size_t job_count, Diagnostics& diagnostics) {
  const SourceLocation nowhere;
  if (job.tasks.size() != job.dag.size()) {
    diagnostics.error(nowhere, fmt::format("job '{}': {} task settings for {} tasks", job.name,
                                           job.tasks.size(), job.dag.size()));
    return;
  }
  if (job.max_concurrent_runs > 1000) {
    diagnostics.error(nowhere, fmt::format("job '{}': max_concurrent_runs must be at most 1000", job.name));
  }
  for (std::size_t i = 0; i < job.tasks.size(); ++i) {
    const TaskId t(static_cast<std::uint32_t>(i));
    const TaskSpec& spec = job.tasks[i];
    const std::string_view key = job.dag.key(t);
    const auto ups = job.dag.upstream(t);
    const auto gates = job.dag.upstream_gates(t);
    for (std::size_t k = 0; k < ups.size(); ++k) {
      if (gates[k] != EdgeGate::kNone && job.tasks[ups[k].index()].kind != TaskKind::kCondition) {
        diagnostics.error(nowhere, fmt::format("job '{}': task '{}' gates on the outcome of '{}', which is "
                                               "not a condition task", job.name, key, job.dag.key(ups[k])));
      }
    }
    if (spec.kind == TaskKind::kForEach && spec.for_each.concurrency == 0) {
      diagnostics.error(nowhere, fmt::format("job '{}': for_each task '{}' needs concurrency >= 1", job.name, key));
    }
    if (spec.kind == TaskKind::kRunJob && job.tasks.child_job(i).index() >= job_count) {
      diagnostics.error(nowhere, fmt::format("job '{}': run_job task '{}' names unknown job {}", job.name, key,
                                             job.tasks.child_job(i)));
    }
  }
}

}  // namespace orchsim
