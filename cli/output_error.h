// OutputError: an output could not be written where the user asked (a folder that cannot be
// created, a symlink or a device where a file must go, a full disk), with the path and the OS's
// reason. A user problem, not a bug: run_cli (cli/cli.cpp) maps it to exit code 2. Thrown by
// cli/output_file.h and cli/bundle_writer.h.
#pragma once

#include <stdexcept>

namespace orchsim::cli {

struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace orchsim::cli
