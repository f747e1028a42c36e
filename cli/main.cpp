#include <exception>
#include <iostream>
#include <memory>

#include "cli/cli.h"

int main(int argc, char** argv) {
  std::unique_ptr<orchsim::cli::Distribution> job;
  try {
    job = orchsim::cli::join_mpi_job(argc, argv);  // nullptr unless started by mpirun
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return orchsim::cli::kExitBadInput;
  }
  if (!job) return orchsim::cli::run_cli(argc, argv, std::cout, std::cerr);
  return orchsim::cli::run_cli_rank(*job, argc, argv);
}
