#include "sim/experiment/replication_codec.h"

#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace orchsim::sim {

namespace {

// Every field is listed below, twice (once per direction): a field added to RunMetrics or
// ReplicationResult must be added here, or it would silently arrive as zero from another rank.
// The size checks make the build fail until it is (x86-64 / AArch64 layout, LP64).
static_assert(sizeof(void*) != 8 || sizeof(RunMetrics) == 280, "RunMetrics changed: update ReplicationCodec");
static_assert(sizeof(void*) != 8 || sizeof(ReplicationResult) == 328,
              "ReplicationResult changed: update ReplicationCodec");

class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {}
  template <class T>
  void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void put(const std::vector<double>& v) {
    put(static_cast<std::uint64_t>(v.size()));
    out_.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  }

 private:
  std::string& out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  void get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(&v, take(sizeof v), sizeof v);
  }
  void get(std::vector<double>& v) {
    std::uint64_t n = 0;
    get(n);
    if (n > in_.size() / sizeof(double)) throw std::runtime_error("replication data cut short");
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), take(n * sizeof(double)), n * sizeof(double));  // data() may be null
  }
  bool done() const { return in_.empty(); }

 private:
  const char* take(std::size_t n) {
    if (n > in_.size()) throw std::runtime_error("replication data cut short");
    const char* p = in_.data();
    in_.remove_prefix(n);
    return p;
  }
  std::string_view in_;
};

template <class T>
void io_field(Writer& w, const T& v) {
  w.put(v);
}
template <class T>
void io_field(Reader& r, T& v) {
  r.get(v);
}

// One list of fields for both directions: IO is a Writer (const results) or a Reader.
template <class IO, class R>
void fields(IO& io, R& r) {
  auto& m = r.metrics;
  const auto each = [&io](auto&... v) { (io_field(io, v), ...); };
  each(r.makespan, r.cost, r.cluster_starts, r.outcome);
  each(m.outcome, m.makespan_s, m.setup_s, m.queue_s, m.execution_s, m.shared_s, m.retry_wait_s,
       m.startup_blocked_s, m.vm_usd, m.dbu_usd, m.startup_usd, m.idle_usd, m.pool_standing_usd, m.wasted_usd, m.busy_core_s,
       m.paid_core_s, m.wasted_core_s, m.cluster_starts, m.tasks_attempted, m.attempts, m.failed_attempts,
       m.faults, m.tasks_hit, m.recovered_faults, m.recovery_s, m.faults_injected, m.alerts, m.rollbacks,
       m.alerts_suppressed, m.tables_restored, m.rollback_s, m.tasks_on_preferred_node, m.workload_tasks, m.jobs,
       m.clusters, m.cross_job_edges, m.task_cost_usd, m.compute_cost_usd);
}

}  // namespace

void ReplicationCodec::encode(std::span<const ReplicationResult> results, std::string& bytes) {
  Writer w(bytes);
  for (const ReplicationResult& r : results) fields(w, r);
}

std::vector<ReplicationResult> ReplicationCodec::decode(std::string_view bytes) {
  Reader in(bytes);
  std::vector<ReplicationResult> results;
  while (!in.done()) fields(in, results.emplace_back());
  return results;
}

}  // namespace orchsim::sim
