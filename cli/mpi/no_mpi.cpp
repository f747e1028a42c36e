// join_mpi_job for a build without MPI (ORCHSIM_MPI=OFF): under mpirun with several ranks, each
// would run the whole job and write the same files at once, so refuse instead.
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "cli/distribution.h"

namespace orchsim::cli {

std::unique_ptr<Distribution> join_mpi_job(int&, char**&) {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* size = std::getenv(name);
    if (size && std::string(size) != "1") {
      throw std::runtime_error("this orchsim was built without MPI: rebuild with -DORCHSIM_MPI=ON to run under mpirun");
    }
  }
  return nullptr;
}

}  // namespace orchsim::cli
