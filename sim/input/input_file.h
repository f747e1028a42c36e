// read_input_file: the whole text of a scenario, sweep or trace file, or an InputError naming the
// file and why it cannot be read (missing, a directory, not a regular file such as a device or a
// FIFO, unreadable, or larger than the input limit). Used by every loader and importer; any thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace orchsim::sim {

// The input limit unless the environment variable ORCHSIM_MAX_INPUT_BYTES sets another (README: Limits).
inline constexpr std::uint64_t kDefaultMaxInputBytes = 64ull << 20;

// The input limit in bytes; an InputError naming `path` when ORCHSIM_MAX_INPUT_BYTES is no positive number.
std::uint64_t max_input_bytes(const std::string& path);

// `what` names the file's role in the message: "cannot open the scenario file: …".
std::string read_input_file(const std::string& path, std::string_view what);

}  // namespace orchsim::sim
