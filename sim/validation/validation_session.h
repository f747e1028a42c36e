// ValidationSession: runs the real Engine on the simulated world (sim/world/simulated_world.h,
// wired as run_replication wires it) for the validation ladder's scenarios that one pipeline run
// cannot express: top-level runs that arrive at given times (open queueing systems: M/M/c,
// M/G/1-PS), and a job that is started again from scratch when its run fails ("restart the whole
// job", as an external scheduler does it: the engine has no job-level retry). Records, per attempt
// and per top-level run, the times the checks compare with analytic values.
// One per replication, on the calling thread; pure in its inputs and (seed, replication).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/ids.h"
#include "engine/run_result.h"
#include "engine/time.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "models/world_model.h"

namespace orchsim::sim {

struct SessionStart {
  SimTime at;
  JobId job;
};

struct SessionOptions {
  std::vector<SessionStart> starts;  // top-level runs, in time order
  // A top-level run that ends FAILED is started again (same job, a fresh run) right away, at most
  // this many times per start.
  std::uint32_t restarts = 0;
};

struct SessionAttempt {
  JobId job;
  TaskId task;
  SimTime started;                  // the engine asked for it
  std::optional<SimTime> running;   // it got a context and began executing
  std::optional<SimTime> finished;
  bool succeeded = false;
};

struct SessionRun {
  JobId job;
  std::uint32_t start = 0;  // index into SessionOptions::starts
  SimTime started;
  SimTime finished;
  JobResult result = JobResult::kNone;
};

struct SessionResult {
  std::vector<SessionAttempt> attempts;  // by AttemptId
  std::vector<SessionRun> runs;          // top-level runs, in the order they started
  SimTime end;
  double cost_usd = 0;  // every cluster instance's bill
};

SessionResult run_session(const models::Deployment& deployment, const models::Workload& workload,
                          const models::WorldModel& world, const SessionOptions& options, std::uint64_t seed,
                          std::uint64_t replication);

}  // namespace orchsim::sim
