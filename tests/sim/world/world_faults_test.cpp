// The world's infrastructure faults beyond the driver crash: spot workers lost (notice period,
// recomputed work, replacement), a spot driver lost killing the cluster, first_on_demand keeping the
// driver safe, OOM crashes under memory pressure, and autoscaling back down when idle. Exact where
// the timing is scripted or drawn once and observed; statistical (5 standard errors of the sample)
// where it is not. Every expected value is derived here from the scenario's numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/sim/world/world_fixture.h"

using namespace orchsim;
using testing::kMicro;
using testing::simulate_world;
using testing::WorldOutcome;
using models::FaultKind;

namespace {

constexpr double kVm = 0.23, kDbu = 0.75, kJobsUsdPerDbu = 0.30;  // Standard_DS3_v2, Jobs Compute
constexpr double kSpotDiscount = 0.6;                               // the default spot_vm_discount

// When the cluster of the run's first instance came up, in seconds.
double first_up(const WorldOutcome& o) {
  for (const auto& e : o.world.clusters) {
    if (e.kind == sim::ClusterEvent::Kind::kUp) return e.time.since_start().to_seconds();
  }
  FAIL("no cluster came up");
  return 0;
}

}  // namespace

TEST_SUITE("sim.world.faults") {
  TEST_CASE("losing a worker: finished work on it is redone, the rest runs slower until the replacement joins") {
    // 2 workers × 4 cores; one 8-core task of 10 min (4800 core-s). The scripted loss at 4 min takes
    // one worker: half the work done so far is redone, and the task runs on 4 cores until a
    // replacement joins after a startup S.
    const std::string scenario = R"(
faults: {scripted: [{at: 4m, lose_worker: shared_cluster}]}
workload: {tasks: [{task_key: a, duration: 10m, cores: 8}]}
strategies: [single_job_shared_cluster]
)";
    const double S = 60, L = 240, W = 600 * 8, workers = 2, vcpus = 4;
    const double done = workers * vcpus * (L - S);
    const double left_at_loss = W - done + done / workers;
    const double J = L + S;  // the replacement joins
    const double left_at_join = left_at_loss - (workers - 1) * vcpus * (J - L);
    const double end = J + left_at_join / (workers * vcpus);
    // Node-seconds: 3 nodes starting, 3 up until the loss, 2 up (+1 starting) until the join, 3 up.
    const double starting_worker_s = workers * S + (J - L), up_worker_s = workers * (L - S) + (J - L) + workers * (end - J);
    const double driver_starting_s = S, driver_up_s = end - S;

    const auto check_timeline = [&](const WorldOutcome& o) {
      const auto f = o.finishes("a");
      REQUIRE(f.size() == 1);
      CHECK(f[0].second.succeeded);
      CHECK(f[0].first == doctest::Approx(end).epsilon(kMicro));
      const auto lost = o.faults(FaultKind::kScriptedWorkerLoss);
      REQUIRE(lost.size() == 1);
      CHECK(lost[0].attempts_hit == 1);
      CHECK(lost[0].time.since_start().to_seconds() == L);
      std::vector<std::pair<double, int>> resized;
      for (const auto& e : o.world.clusters) {
        if (e.kind == sim::ClusterEvent::Kind::kResized) resized.emplace_back(e.time.since_start().to_seconds(), e.workers);
      }
      REQUIRE(resized.size() == 2);
      CHECK(resized[0] == std::pair<double, int>(L, 1));
      CHECK(resized[1] == std::pair<double, int>(J, 2));
    };
    SUBCASE("on-demand workers: every node at the on-demand VM price") {
      const auto o = simulate_world("cluster: {node_type: Standard_DS3_v2, workers: 2, startup: 1m}\n" + scenario);
      check_timeline(o);
      const double vm = kVm * (driver_starting_s + driver_up_s + starting_worker_s + up_worker_s) / 3600;
      const double dbu = kDbu * kJobsUsdPerDbu * (driver_up_s + up_worker_s) / 3600;
      CHECK(o.result.cost.vm_usd == doctest::Approx(vm).epsilon(1e-9));
      CHECK(o.result.cost.dbu_usd == doctest::Approx(dbu).epsilon(1e-9));
    }
    SUBCASE("spot workers: the replacement is bought on spot like the worker it replaces") {
      const auto o = simulate_world("cluster: {node_type: Standard_DS3_v2, workers: 2, startup: 1m, spot_workers: true}\n" +
                                    scenario);
      check_timeline(o);
      const double spot_vm = kVm * (1 - kSpotDiscount);
      const double vm = (kVm * (driver_starting_s + driver_up_s) + spot_vm * (starting_worker_s + up_worker_s)) / 3600;
      const double dbu = kDbu * kJobsUsdPerDbu * (driver_up_s + up_worker_s) / 3600;
      CHECK(o.result.cost.vm_usd == doctest::Approx(vm).epsilon(1e-9));
      CHECK(o.result.cost.dbu_usd == doctest::Approx(dbu).epsilon(1e-9));
    }
  }

  TEST_CASE("a second loss redoes a share of the work since the first one, not of all the work done") {
    // 4 workers × 4 cores; one 16-core task of 10 min. Losses at L1 and L2, replacements after S each.
    const auto o = simulate_world(R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 1m}
faults: {scripted: [{at: 4m, lose_worker: shared_cluster}, {at: 4m30s, lose_worker: shared_cluster}]}
workload: {tasks: [{task_key: a, duration: 10m, cores: 16}]}
strategies: [single_job_shared_cluster]
)");
    const double S = 60, L1 = 240, L2 = 270, vcpus = 4;
    double left = 600 * 16;
    const double done1 = 4 * vcpus * (L1 - S);
    left += -done1 + done1 / 4;
    const double done2 = 3 * vcpus * (L2 - L1);  // since the first loss
    left += -done2 + done2 / 3;
    const double J1 = L1 + S, J2 = L2 + S;
    left -= 2 * vcpus * (J1 - L2) + 3 * vcpus * (J2 - J1);
    const double end = J2 + left / (4 * vcpus);
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(end).epsilon(kMicro));
    CHECK(o.faults(FaultKind::kScriptedWorkerLoss).size() == 2);
  }

  TEST_CASE("a cluster that lost its only worker runs nothing until the replacement joins") {
    // Not a single-node cluster: the driver has no executors, so the task waits for the new worker.
    const auto o = simulate_world(R"(
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 1m}
faults: {scripted: [{at: 4m, lose_worker: shared_cluster}]}
workload: {tasks: [{task_key: a, duration: 10m, cores: 4}]}
strategies: [single_job_shared_cluster]
)");
    const double S = 60, L = 240, W = 2400, cores = 4;
    const double done = cores * (L - S);
    const double left = W - done + done;  // its only worker's share is all of it
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(L + S + left / cores).epsilon(kMicro));
  }

  TEST_CASE("first_on_demand: the driver and the first first_on_demand − 1 workers bill on-demand, the rest spot") {
    const double S = 270, w = 600;
    const int workers = 4;
    for (int first_on_demand : {0, 1, 3, 5}) {
      const auto o = simulate_world(
          "cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 4m30s, spot_workers: true, first_on_demand: " +
          std::to_string(first_on_demand) + "}\n"
          "workload: {tasks: [{task_key: a, duration: 10m, cores: 16}]}\n"
          "strategies: [single_job_shared_cluster]\n");
      const int on_demand = std::min(workers + 1, first_on_demand);
      const int spot = workers + 1 - on_demand;
      CAPTURE(first_on_demand);
      CHECK(o.result.makespan.to_seconds() == doctest::Approx(S + w).epsilon(kMicro));
      const double vm = (on_demand + spot * (1 - kSpotDiscount)) * kVm * (S + w) / 3600;
      CHECK(o.result.cost.vm_usd == doctest::Approx(vm).epsilon(1e-9));
      CHECK(o.result.cost.dbu_usd == doctest::Approx((workers + 1) * kDbu * kJobsUsdPerDbu * w / 3600).epsilon(1e-9));
    }
  }

  TEST_CASE("spot worker loss: Poisson notices per spot node-hour, each node going a notice period later") {
    // 4 spot workers at λ per node-hour: the first notice comes after Exp(4λ), the loss a notice
    // period N later, so E[first loss − up] = 1/(4λ) + N and no loss comes sooner than N.
    const double lambda_per_h = 6, N = 300, nodes = 4;
    const std::string yaml = R"(
cluster: {node_type: Standard_DS3_v2, workers: 4, startup: 0s, spot_workers: true}
faults: {spot_losses_per_hour: 6, spot_notice: 5m}
workload: {tasks: [{task_key: a, duration: 1h, cores: 16}]}
strategies: [single_job_shared_cluster]
)";
    const int n = 2000;
    double sum = 0, sum_sq = 0, earliest = 1e300;
    int worker_losses = 0, driver_losses = 0;
    for (int rep = 0; rep < n; ++rep) {
      const auto o = simulate_world(yaml, 0, static_cast<std::uint64_t>(rep));
      const auto lost = o.faults(FaultKind::kSpotWorkerLost);
      REQUIRE_FALSE(lost.empty());
      const double first = lost[0].time.since_start().to_seconds() - first_up(o);
      sum += first;
      sum_sq += first * first;
      earliest = std::min(earliest, first);
      worker_losses += static_cast<int>(lost.size());
      driver_losses += static_cast<int>(o.faults(FaultKind::kSpotDriverLost).size());
      // A lost worker slows the task; it still finishes, on the cluster it started on.
      CHECK(o.result.outcome == JobResult::kSuccess);
      CHECK(o.result.cluster_starts == 1);
      CHECK(o.result.makespan > Duration::hours(1));
    }
    const double mean = sum / n, sd = std::sqrt(sum_sq / n - mean * mean);
    const double expected = 3600 / (nodes * lambda_per_h) + N;
    CHECK(std::fabs(mean - expected) <= 5 * sd / std::sqrt(double(n)));
    CHECK(earliest >= N);
    CHECK(driver_losses == 0);  // first_on_demand: 1 (the default) keeps the driver on-demand
    CHECK(worker_losses > n);
  }

  TEST_CASE("spot driver lost: the cluster dies, its attempts fail PREEMPTED, the retry pays a new startup") {
    // A single-node cluster whose driver is on spot (first_on_demand: 0): every notice is the driver's.
    const double S = 60, w = 1800, notice = 120;
    int replications_with_loss = 0;
    for (std::uint64_t rep = 0; rep < 40; ++rep) {
      const auto o = simulate_world(R"(
cluster: {node_type: Standard_DS3_v2, workers: 0, startup: 1m, spot_workers: true, first_on_demand: 0}
faults: {spot_losses_per_hour: 2}
workload: {tasks: [{task_key: a, duration: 30m, cores: 4, max_retries: -1}]}
strategies: [single_job_shared_cluster]
)", 0, rep);
      const auto lost = o.faults(FaultKind::kSpotDriverLost);
      CHECK(o.faults(FaultKind::kSpotWorkerLost).empty());
      const auto f = o.finishes("a");
      REQUIRE(f.size() == lost.size() + 1);
      CHECK(o.result.cluster_starts == lost.size() + 1);
      double up = S;  // when the current instance came up
      for (std::size_t i = 0; i < lost.size(); ++i) {
        const double t = lost[i].time.since_start().to_seconds();
        CHECK(lost[i].attempts_hit == 1);
        CHECK(f[i].first == t);
        CHECK_FALSE(f[i].second.succeeded);
        CHECK(f[i].second.failure == FailureKind::kPreempted);
        CHECK(t >= up + notice);  // the notice comes while up; the driver goes a notice later
        CHECK(t < up + w);        // … and before the task was done
        up = t + S;               // the retry's new cluster
      }
      CHECK(f.back().second.succeeded);
      CHECK(f.back().first == doctest::Approx(up + w).epsilon(kMicro));
      if (!lost.empty()) ++replications_with_loss;
    }
    CHECK(replications_with_loss > 5);
  }

  TEST_CASE("first_on_demand: 0 exposes the driver: the first notice is the driver's with probability 1/(spot nodes)") {
    // Driver and 3 workers on spot: each node is equally likely to get the first notice.
    const int n = 3000;
    int driver_first = 0;
    for (int rep = 0; rep < n; ++rep) {
      const auto o = simulate_world(R"(
cluster: {node_type: Standard_DS3_v2, workers: 3, startup: 0s, spot_workers: true, first_on_demand: 0}
faults: {spot_losses_per_hour: 10}
workload: {tasks: [{task_key: a, duration: 1h, cores: 12}]}
strategies: [single_job_shared_cluster]
)", 0, static_cast<std::uint64_t>(rep));
      const sim::FaultEvent* first = nullptr;
      for (const auto& f : o.world.faults) {
        if (f.kind == FaultKind::kSpotDriverLost || f.kind == FaultKind::kSpotWorkerLost) {
          first = &f;
          break;
        }
      }
      REQUIRE(first != nullptr);
      driver_first += first->kind == FaultKind::kSpotDriverLost ? 1 : 0;
    }
    const double p = 1.0 / 4;
    CHECK(std::fabs(driver_first / double(n) - p) <= 5 * std::sqrt(p * (1 - p) / n));
  }

  TEST_CASE("OOM under memory pressure: spill slows every attempt, and a crash fails them all at once") {
    // 1 worker: 4 cores, 14 GiB. Two 2-core tasks of 10 min holding 14 GiB each: demand/capacity = 2,
    // so both slow by 1 + penalty·(2 − 1) and the driver OOMs at rate·(2 − 1) per hour.
    const double penalty = 1.0, rate_per_h = 2.0, over = 28.0 / 14 - 1, w = 600;
    const double run_s = w * (1 + penalty * over);
    const double p_survive = std::exp(-rate_per_h * over * run_s / 3600);
    const std::string yaml = R"(
contention: {spill_penalty: 1.0, oom_crashes_per_hour: 2.0}
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 2, mem_gib: 14}
    - {task_key: b, duration: 10m, cores: 2, mem_gib: 14}
strategies: [single_job_shared_cluster]
)";
    const int n = 3000;
    int survived = 0;
    for (int rep = 0; rep < n; ++rep) {
      const auto o = simulate_world(yaml, 0, static_cast<std::uint64_t>(rep));
      const auto oom = o.faults(FaultKind::kOomCrash);
      const auto a = o.finishes("a"), b = o.finishes("b");
      REQUIRE(a.size() == 1);
      REQUIRE(b.size() == 1);
      if (oom.empty()) {
        ++survived;
        CHECK(a[0].second.succeeded);
        CHECK(a[0].first == doctest::Approx(run_s).epsilon(kMicro));
        CHECK(b[0].first == doctest::Approx(run_s).epsilon(kMicro));
      } else {
        REQUIRE(oom.size() == 1);
        const double t = oom[0].time.since_start().to_seconds();
        CHECK(oom[0].attempts_hit == 2);
        for (const auto& f : {a[0], b[0]}) {
          CHECK(f.first == t);
          CHECK(f.second.failure == FailureKind::kClusterLost);
        }
        CHECK(t < run_s);
      }
    }
    CHECK(std::fabs(survived / double(n) - p_survive) <= 5 * std::sqrt(p_survive * (1 - p_survive) / n));
  }

  TEST_CASE("memory that fits neither spills nor OOMs, however high the OOM rate") {
    const auto o = simulate_world(R"(
contention: {spill_penalty: 5, oom_crashes_per_hour: 100000}
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload:
  tasks:
    - {task_key: a, duration: 10m, cores: 2, mem_gib: 7}
    - {task_key: b, duration: 10m, cores: 2, mem_gib: 7}
strategies: [single_job_shared_cluster]
)");
    CHECK(o.world.faults.empty());
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(600).epsilon(kMicro));
  }

  TEST_CASE("OOM hazard ends with the pressure: a crash can only come while the memory hog runs") {
    // hog (28 GiB on 14) runs 2 min at spill slowdown 2 → 4 min of pressure; then light runs alone.
    const std::string yaml = R"(
contention: {spill_penalty: 1.0, oom_crashes_per_hour: 30}
cluster: {node_type: Standard_DS3_v2, workers: 1, startup: 0s}
workload:
  tasks:
    - {task_key: hog, duration: 2m, cores: 1, mem_gib: 28}
    - {task_key: light, duration: 30m, cores: 1, depends_on: [hog], run_if: ALL_DONE}
strategies: [single_job_shared_cluster]
)";
    const double pressure_s = 120 * 2;
    int crashes = 0;
    for (std::uint64_t rep = 0; rep < 200; ++rep) {
      const auto o = simulate_world(yaml, 0, rep);
      for (const auto& f : o.faults(FaultKind::kOomCrash)) {
        ++crashes;
        CHECK(f.time.since_start().to_seconds() < pressure_s);
      }
      const auto light = o.finishes("light");
      REQUIRE(light.size() == 1);
      CHECK(light[0].second.succeeded);
    }
    // P(crash during the pressure) = 1 − e^{−30·1·4/60} ≈ 0.86: most replications see one.
    CHECK(crashes > 100);
  }

  TEST_CASE("autoscaling: workers left unused for scale_down_after are removed, down to the demand") {
    // big (16 cores) scales 1 → 4 workers; when it ends, small (1 core) alone needs 1 worker: the
    // other 3 go scale_down_after later.
    const auto o = simulate_world(R"(
cluster:
  node_type: Standard_DS3_v2
  startup: 0s
  autoscale: {min_workers: 1, max_workers: 4, scale_up_delay: 2m, scale_down_after: 1m}
workload:
  tasks:
    - {task_key: big, duration: 10m, cores: 16}
    - {task_key: small, duration: 20m, cores: 1, depends_on: [big]}
strategies: [single_job_shared_cluster]
)");
    const double D = 120, down_after = 60, vcpus = 4;
    const double big_end = D + (600 * 16 - vcpus * D) / (4 * vcpus);
    const double down = big_end + down_after;
    const double end = big_end + 1200;  // small gets its one core throughout
    CHECK(o.finishes("big")[0].first == doctest::Approx(big_end).epsilon(kMicro));
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(end).epsilon(kMicro));
    std::vector<std::pair<double, int>> resized;
    for (const auto& e : o.world.clusters) {
      if (e.kind == sim::ClusterEvent::Kind::kResized) resized.emplace_back(e.time.since_start().to_seconds(), e.workers);
    }
    REQUIRE(resized.size() == 2);
    CHECK(resized[0] == std::pair<double, int>(D, 4));
    CHECK(resized[1].first == doctest::Approx(down).epsilon(kMicro));
    CHECK(resized[1].second == 1);
    // Nodes: 2 up + 3 starting until D, 5 up until the scale-down, 2 up to the end.
    const double vm_s = 5 * D + 5 * (down - D) + 2 * (end - down);
    const double dbu_s = 2 * D + 5 * (down - D) + 2 * (end - down);
    CHECK(o.result.cost.vm_usd == doctest::Approx(kVm * vm_s / 3600).epsilon(1e-9));
    CHECK(o.result.cost.dbu_usd == doctest::Approx(kDbu * kJobsUsdPerDbu * dbu_s / 3600).epsilon(1e-9));
  }

  TEST_CASE("autoscaling a spot cluster: added workers are spot too, from their request on") {
    const auto o = simulate_world(R"(
cluster:
  node_type: Standard_DS3_v2
  startup: 0s
  spot_workers: true
  autoscale: {min_workers: 1, max_workers: 4, scale_up_delay: 2m, scale_down_after: 1m}
workload:
  tasks:
    - {task_key: big, duration: 10m, cores: 16}
strategies: [single_job_shared_cluster]
)");
    const double D = 120, work = 16 * 600;
    const double end = D + (work - 4 * D) / 16;
    CHECK(o.result.makespan.to_seconds() == doctest::Approx(end).epsilon(kMicro));
    // Driver on-demand throughout; 1 spot worker up throughout, 3 spot workers starting then up.
    const double vm = (kVm * end + kVm * (1 - kSpotDiscount) * 4 * end) / 3600;
    const double dbu = kDbu * kJobsUsdPerDbu * (2 * D + 5 * (end - D)) / 3600;
    CHECK(o.result.cost.vm_usd == doctest::Approx(vm).epsilon(1e-9));
    CHECK(o.result.cost.dbu_usd == doctest::Approx(dbu).epsilon(1e-9));
  }

  TEST_CASE("autoscaling never goes below min_workers, even with nothing to run") {
    const auto o = simulate_world(R"(
cluster:
  node_type: Standard_DS3_v2
  startup: 0s
  autoscale: {min_workers: 2, max_workers: 4, scale_up_delay: 1m, scale_down_after: 1m}
workload:
  tasks:
    - {task_key: big, duration: 10m, cores: 16}
    - {task_key: wait, duration: 30m, cores: 1, depends_on: [big]}
strategies: [single_job_shared_cluster]
)");
    int last = -1;
    for (const auto& e : o.world.clusters) {
      if (e.kind == sim::ClusterEvent::Kind::kResized) last = e.workers;
    }
    CHECK(last == 2);
  }
}
