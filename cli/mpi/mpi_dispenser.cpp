#include "cli/mpi/mpi_dispenser.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "cli/exit_codes.h"
#include "cli/mpi/mpi_protocol.h"
#include "cli/rank_error.h"
#include "engine/check.h"
#include "sim/experiment/replication_codec.h"

namespace orchsim::cli::mpi {

struct MpiDispenser::Batch {
  std::span<const sim::ReplicationBlock> blocks;
  std::vector<std::vector<sim::ReplicationResult>>& results;
  const Progress& progress;
  std::vector<Unit> units;
  std::size_t next = 0;  // the next unit to hand out
  std::size_t units_done = 0;
  std::size_t done = 0;  // replications
  std::size_t total = 0;

  void store(const Unit& u, std::vector<sim::ReplicationResult> rows) {
    const sim::ReplicationBlock& b = blocks[u.block];
    std::move(rows.begin(), rows.end(), results[u.block].begin() + static_cast<std::ptrdiff_t>(u.from - b.from));
    ++units_done;
    done += rows.size();
    if (progress) progress(done, total);
  }
};

MpiDispenser::MpiDispenser(int ranks)
    : ranks_(ranks), ready_(static_cast<std::size_t>(ranks)), in_flight_(static_cast<std::size_t>(ranks)) {}

std::uint64_t MpiDispenser::unit_size(std::uint64_t replications, int ranks) {
  return std::clamp<std::uint64_t>(replications / (16 * static_cast<std::uint64_t>(ranks)), 1, 256);
}

void MpiDispenser::run(std::span<const sim::PlannedExperiment> plans, std::span<const sim::ReplicationBlock> blocks,
                       std::vector<std::vector<sim::ReplicationResult>>& results, const Progress& progress) {
  fingerprint_ = sim::fingerprint(plans);
  Batch batch{.blocks = blocks, .results = results, .progress = progress, .units = {}};
  results.assign(blocks.size(), {});
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    results[k].resize(blocks[k].to - blocks[k].from);
    batch.total += results[k].size();
  }
  const std::uint64_t size = unit_size(batch.total, ranks_);
  for (std::size_t k = 0; k < blocks.size(); ++k) {
    for (std::uint64_t from = blocks[k].from; from < blocks[k].to; from += size) {
      batch.units.push_back({.block = k, .from = from, .to = std::min(blocks[k].to, from + size)});
    }
  }
  for (int r = 1; r < ranks_; ++r) feed(batch, r);
  // Rank 0 runs units too, answering the others between replications; then it waits for the last
  // results and for every rank's hello (a rank that could not load its input fails the job even
  // when it was not needed).
  while (batch.next < batch.units.size()) {
    const Unit u = batch.units[batch.next++];
    std::vector<sim::ReplicationResult> rows;
    for (std::uint64_t rep = u.from; rep < u.to; ++rep) {
      rows.push_back(sim::run_planned(plans[blocks[u.block].point], blocks[u.block].strategy, rep));
      handle(batch, false);
    }
    batch.store(u, std::move(rows));
  }
  while (batch.units_done < batch.units.size() || std::count(ready_.begin() + 1, ready_.end(), false) > 0) {
    handle(batch, true);
  }
}

// Handles every message waiting (or, with `wait`, at least one).
void MpiDispenser::handle(Batch& batch, bool wait) {
  for (;;) {
    MPI_Status status;
    int flag = 0;
    if (wait) {
      check(MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "Probe");
      flag = 1;
      wait = false;
    } else {
      check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), "Iprobe");
    }
    if (!flag) return;
    const int rank = status.MPI_SOURCE;
    const std::string bytes = receive_bytes(status);
    if (status.MPI_TAG == kFailed && bytes.size() >= sizeof(std::int32_t)) {
      std::int32_t code = 0;
      std::memcpy(&code, bytes.data(), sizeof code);
      throw RankError(fmt::format("rank {} of {} failed (exit code {}):\n{}", rank, ranks_, code,
                                  bytes.substr(sizeof code)), code);
    }
    if (status.MPI_TAG == kHello && bytes.size() == sizeof(std::uint64_t)) {
      std::uint64_t theirs = 0;
      std::memcpy(&theirs, bytes.data(), sizeof theirs);
      if (theirs != fingerprint_) {
        throw RankError(fmt::format("rank {} of {} planned different work than rank 0: every rank must read the same "
                                    "input files with the same options (copy them to every node)", rank, ranks_),
                        kExitBadInput);
      }
      ready_[static_cast<std::size_t>(rank)] = true;
    } else if (status.MPI_TAG == kResult && bytes.size() >= sizeof(std::uint64_t)) {
      std::uint64_t id = 0;
      std::memcpy(&id, bytes.data(), sizeof id);
      ORCHSIM_CHECK(id < batch.units.size());
      batch.store(batch.units[id], sim::ReplicationCodec::decode(std::string_view(bytes).substr(sizeof id)));
      --in_flight_[static_cast<std::size_t>(rank)];
    } else {
      throw RankError(fmt::format("rank {} sent an unexpected message (tag {}, {} bytes)", rank, status.MPI_TAG,
                                  bytes.size()), kExitInternal);
    }
    feed(batch, rank);
  }
}

// Tops up a ready rank to kInFlight units.
void MpiDispenser::feed(Batch& batch, int rank) {
  const auto r = static_cast<std::size_t>(rank);
  while (ready_[r] && in_flight_[r] < kInFlight && batch.next < batch.units.size()) {
    const std::size_t id = batch.next++;
    const Unit& u = batch.units[id];
    const WorkUnit w{.id = id, .point = batch.blocks[u.block].point, .strategy = batch.blocks[u.block].strategy,
                     .from = u.from, .to = u.to};
    check(MPI_Send(&w, sizeof w, MPI_BYTE, rank, kWork, MPI_COMM_WORLD), "Send");
    ++in_flight_[r];
  }
}

void MpiDispenser::stop_all() {
  for (int r = 1; r < ranks_; ++r) check(MPI_Send(nullptr, 0, MPI_BYTE, r, kStop, MPI_COMM_WORLD), "Send");
}

}  // namespace orchsim::cli::mpi
