// write_file_atomically: writes to "<path>.tmp" then renames over `path`, so that a crash or a
// full disk never leaves a half-written output. Creates missing parent folders. Throws
// std::runtime_error with the path on failure.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::cli {

void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace orchsim::cli
