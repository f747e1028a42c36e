// ORCHSIM_CHECK: an always-on invariant check (release builds too). A failed check is a bug in
// orchsim, never bad input and never a simulated failure: it throws InvariantError, which the CLI
// reports as an internal error (exit 3). Bad input is InputError (engine/error.h).
#pragma once

#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace orchsim {

class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void fail_check(const char* expr, const char* file, int line, const std::string& why);

}  // namespace orchsim

// ORCHSIM_CHECK(cond) or ORCHSIM_CHECK(cond, "fmt {}", args...). The message is formatted in a
// cold lambda of its own, so a check costs the hot path a test and a branch, not the inline code
// of a fmt::format call (which would keep small engine functions from being inlined).
#define ORCHSIM_CHECK(cond, ...)                                                                 \
  do {                                                                                           \
    if (!(cond)) [[unlikely]]                                                                    \
      [&]() __attribute__((cold, noinline)) {                                                    \
        ::orchsim::fail_check(#cond, __FILE__, __LINE__, ::fmt::format("" __VA_ARGS__));        \
      }();                                                                                       \
  } while (false)
