#include "cli/mpi/mpi_job.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "cli/mpi/mpi_protocol.h"
#include "sim/experiment/replication_codec.h"

namespace orchsim::cli {

std::unique_ptr<Distribution> join_mpi_job(int& argc, char**& argv) {
  if (!std::getenv("OMPI_COMM_WORLD_SIZE") && !std::getenv("PMI_SIZE")) return nullptr;
  return std::make_unique<mpi::MpiJob>(argc, argv);
}

namespace mpi {

namespace {

int init(int& argc, char**& argv) {
  check(MPI_Init(&argc, &argv), "Init");
  check(MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN), "Comm_set_errhandler");
  int ranks = 1;
  check(MPI_Comm_size(MPI_COMM_WORLD, &ranks), "Comm_size");
  return ranks;
}

// The Isend of the last result, waited for before its buffer is reused or freed.
struct PendingSend {
  MPI_Request request = MPI_REQUEST_NULL;
  std::string bytes;
  void wait() { check(MPI_Wait(&request, MPI_STATUS_IGNORE), "Wait"); }
  ~PendingSend() {
    if (request != MPI_REQUEST_NULL) MPI_Wait(&request, MPI_STATUS_IGNORE);
  }
};

}  // namespace

MpiJob::MpiJob(int& argc, char**& argv) : ranks_(init(argc, argv)), dispenser_(ranks_) {
  check(MPI_Comm_rank(MPI_COMM_WORLD, &rank_), "Comm_rank");
}

MpiJob::~MpiJob() {
  if (!finished_) MPI_Finalize();
}

void MpiJob::serve(std::span<const sim::PlannedExperiment> plans) {
  const std::uint64_t fingerprint = sim::fingerprint(plans);
  check(MPI_Send(&fingerprint, sizeof fingerprint, MPI_BYTE, 0, kHello, MPI_COMM_WORLD), "Send");
  PendingSend pending;
  for (;;) {
    MPI_Status status;
    check(MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "Probe");
    const std::string message = receive_bytes(status);
    if (status.MPI_TAG == kStop) break;
    WorkUnit unit;
    if (status.MPI_TAG != kWork || message.size() != sizeof unit) {
      throw std::runtime_error("unexpected message from rank 0");
    }
    std::memcpy(&unit, message.data(), sizeof unit);
    std::vector<sim::ReplicationResult> rows;
    for (std::uint64_t rep = unit.from; rep < unit.to; ++rep) {
      rows.push_back(sim::run_planned(plans[unit.point], unit.strategy, rep));
    }
    pending.wait();
    pending.bytes.assign(reinterpret_cast<const char*>(&unit.id), sizeof unit.id);
    sim::ReplicationCodec::encode(rows, pending.bytes);
    check(MPI_Isend(pending.bytes.data(), static_cast<int>(pending.bytes.size()), MPI_BYTE, 0, kResult, MPI_COMM_WORLD,
                    &pending.request), "Isend");
  }
  pending.wait();
  stopped_ = true;
}

int MpiJob::finish(int code, const std::string& errors) {
  if (rank_ == 0) {
    if (code != 0 && ranks_ > 1) MPI_Abort(MPI_COMM_WORLD, code);
    if (code == 0) dispenser_.stop_all();
  } else {
    if (code != 0) {
      std::string message(sizeof(std::int32_t), '\0');
      const auto code32 = static_cast<std::int32_t>(code);
      std::memcpy(message.data(), &code32, sizeof code32);
      message += errors;
      MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, kFailed, MPI_COMM_WORLD);
    }
    // Rank 0 aborts the job on a failure, and otherwise ends it with kStop.
    if (!stopped_) MPI_Recv(nullptr, 0, MPI_BYTE, 0, kStop, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  }
  finished_ = true;
  MPI_Finalize();
  return code;
}

}  // namespace mpi
}  // namespace orchsim::cli
