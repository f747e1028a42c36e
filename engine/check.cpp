#include "engine/check.h"

namespace orchsim {

void fail_check(const char* expr, const char* file, int line, const std::string& why) {
  throw InvariantError(fmt::format("{}:{}: invariant violated: {}{}{}", file, line, expr,
                                   why.empty() ? "" : ": ", why));
}

}  // namespace orchsim
