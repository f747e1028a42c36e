// ReplicationCodec: ReplicationResults as bytes and back, for results computed in another process
// (an MPI rank, cli/mpi/) and gathered where the reports are written. Lossless: numbers travel as
// their exact bits, so a decoded result gives the same summaries and output bytes as the original.
// Both ends are the same build of orchsim on the same architecture (mpirun starts one binary), so
// the layout is the machine's and carries no version. Pure functions, no thread affinity.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/experiment/replication_result.h"

namespace orchsim::sim {

struct ReplicationCodec {
  // Appends `results` to `bytes`.
  static void encode(std::span<const ReplicationResult> results, std::string& bytes);
  // Decodes every result in `bytes`; throws std::runtime_error when the bytes are cut short or
  // run past the last result.
  static std::vector<ReplicationResult> decode(std::string_view bytes);
};

}  // namespace orchsim::sim
