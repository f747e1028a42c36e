// build_timeline: draws one finished replication as a Timeline (sim/experiment/timeline.h) from
// the engine's events (or the reduced ones a TimelineRecorder kept) and the cluster world's
// instance records. Called by sim::run_replication for the representative replication, on that
// replication's thread, after the run (and after the world is gone: it keeps only the instance
// records, ClusterWorld::take_instances). Pure.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "engine/events.h"
#include "models/deployment.h"
#include "sim/experiment/timeline.h"
#include "sim/experiment/timeline_recorder.h"

namespace orchsim::sim {

class ClusterWorld;
struct ClusterInstance;

// `events` are the run's engine events in order; `world` the world they ran in, after the run.
Timeline build_timeline(std::span<const EngineEvent> events, const ClusterWorld& world,
                        const models::Deployment& deployment, std::size_t replication);
// The same picture from the reduced events a TimelineRecorder kept during the run and the world's
// instance records (ClusterWorld::instances()).
Timeline build_timeline(const TimelineRecorder& recorder, const std::vector<ClusterInstance>& instances,
                        const models::Deployment& deployment, std::size_t replication);

}  // namespace orchsim::sim
