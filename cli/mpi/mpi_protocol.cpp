#include "cli/mpi/mpi_protocol.h"

#include <stdexcept>

namespace orchsim::cli::mpi {

void check(int rc, const char* call) {
  if (rc == MPI_SUCCESS) return;
  char reason[MPI_MAX_ERROR_STRING];
  int length = 0;
  MPI_Error_string(rc, reason, &length);
  throw std::runtime_error(std::string("MPI ") + call +
                           " failed: " + std::string(reason, static_cast<std::size_t>(length)));
}

std::string receive_bytes(const MPI_Status& status) {
  int count = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &count), "Get_count");
  std::string bytes(static_cast<std::size_t>(count), '\0');
  check(MPI_Recv(bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "Recv");
  return bytes;
}

}  // namespace orchsim::cli::mpi
