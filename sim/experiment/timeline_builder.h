// build_timeline: draws one finished replication as a Timeline (sim/experiment/timeline.h) from
// the engine's events (or the reduced ones a TimelineRecorder kept) and the cluster world's
// instance records. Called by sim::run_replication for the representative replication, on that
// replication's thread, after the run. Pure.
#pragma once

#include <cstddef>
#include <span>

#include "engine/events.h"
#include "models/deployment.h"
#include "models/workload.h"
#include "sim/experiment/timeline.h"
#include "sim/experiment/timeline_recorder.h"

namespace orchsim::sim {

class ClusterWorld;

// `events` are the run's engine events in order; `world` the world they ran in, after the run.
Timeline build_timeline(std::span<const EngineEvent> events, const ClusterWorld& world,
                        const models::Deployment& deployment, const models::Workload& workload,
                        std::size_t replication);
// The same picture from the reduced events a TimelineRecorder kept during the run.
Timeline build_timeline(const TimelineRecorder& recorder, const ClusterWorld& world,
                        const models::Deployment& deployment, const models::Workload& workload,
                        std::size_t replication);

}  // namespace orchsim::sim
