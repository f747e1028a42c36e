#include "sim/input/input_file.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "engine/error.h"

namespace orchsim::sim {

namespace {

[[noreturn]] void fail(const std::string& path, std::string message) {
  throw InputError({Diagnostic{{path, 0, 0}, std::move(message)}});
}

}  // namespace

std::uint64_t max_input_bytes(const std::string& path) {
  const char* text = std::getenv("ORCHSIM_MAX_INPUT_BYTES");
  if (text == nullptr || *text == '\0') return kDefaultMaxInputBytes;
  std::uint64_t value = 0;
  const char* end = text + std::strlen(text);
  const auto [ptr, ec] = std::from_chars(text, end, value);
  if (ec != std::errc() || ptr != end || value == 0) {
    fail(path, fmt::format("ORCHSIM_MAX_INPUT_BYTES must be a positive number of bytes, got '{}'", text));
  }
  return value;
}

std::string read_input_file(const std::string& path, std::string_view what) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    fail(path, fmt::format("cannot open the {}: {}", what, std::strerror(ENOENT)));
  }
  if (status.type() == std::filesystem::file_type::directory) {
    fail(path, fmt::format("cannot open the {}: it is a directory", what));
  }
  // Checked before opening: opening a FIFO blocks, and a device like /dev/zero never ends.
  if (!ec && status.type() != std::filesystem::file_type::regular) {
    fail(path, fmt::format("cannot open the {}: not a regular file (a device, FIFO or socket)", what));
  }
  const std::uint64_t limit = max_input_bytes(path);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, fmt::format("cannot open the {}: {}", what, std::strerror(errno)));
  // Read at most limit + 1 bytes: enough to know the file is too large, whatever it claims. The
  // size it claims is read in one piece into a string of that size (no growth copies of a large
  // file); what it holds beyond that (a file still being written) is appended after.
  const std::uint64_t claimed = std::filesystem::file_size(path, ec);
  std::string text;
  if (!ec) {
    text.resize(static_cast<std::size_t>(std::min(claimed, limit + 1)));
    text.resize(static_cast<std::size_t>(in.read(text.data(), static_cast<std::streamsize>(text.size())).gcount()));
  }
  char buffer[1 << 16];
  while (in && text.size() <= limit && in.read(buffer, sizeof buffer).gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) fail(path, fmt::format("cannot open the {}: read error", what));
  if (text.size() > limit) {
    fail(path, fmt::format("the {} is larger than {} bytes (the input limit; set ORCHSIM_MAX_INPUT_BYTES to "
                           "raise it)", what, limit));
  }
  return text;
}

}  // namespace orchsim::sim
