// build_timeline: draws one finished replication as a Timeline (sim/experiment/timeline.h) from
// the order of events a TimelineRecorder kept, the attempts' facts the MetricsCollector's
// AttemptLog kept, and the cluster world's instance records. Called by sim::run_replication for
// the representative replication, on that replication's thread, after the run (and after the world
// is gone: it keeps only the instance records, ClusterWorld::take_instances). Pure.
#pragma once

#include <cstddef>
#include <vector>

#include "models/deployment.h"
#include "sim/experiment/attempt_log.h"
#include "sim/experiment/timeline.h"
#include "sim/experiment/timeline_recorder.h"

namespace orchsim::sim {

struct ClusterInstance;

// The picture from what a TimelineRecorder and an AttemptLog kept during the run and the world's
// instance records (ClusterWorld::instances()), after the run.
Timeline build_timeline(const TimelineRecorder& recorder, const AttemptLog& attempts,
                        const std::vector<ClusterInstance>& instances, const models::Deployment& deployment,
                        std::size_t replication);

}  // namespace orchsim::sim
