// parse_unsigned_option: a whole number given on the command line, checked against its range.
// Boost.Program_options reads "-1" into an unsigned by wrapping it to 4294967295, so the commands
// take counts, seeds and thread numbers as text and read them here. Used by cli.cpp and validate.cpp.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

#include <boost/program_options/errors.hpp>
#include <fmt/format.h>

namespace orchsim::cli {

// The most worker threads --threads may ask for (README: Limits): more only costs memory and start-up.
inline constexpr std::uint64_t kMaxThreads = 256;

// The value of `--option` (text as given), or a po::error (exit 2) saying what range it must be in.
inline std::uint64_t parse_unsigned_option(const std::string& text, const char* option, std::uint64_t min,
                                           std::uint64_t max, const char* note = "") {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end || value < min || value > max) {
    throw boost::program_options::error(
        fmt::format("--{} must be a whole number from {} to {}{}, got '{}'", option, min, max, note, text));
  }
  return value;
}

}  // namespace orchsim::cli
