#include "engine/time.h"

#include <algorithm>
#include <cmath>

#include "engine/check.h"

namespace orchsim {

Duration Duration::from_seconds(double s) {
  ORCHSIM_CHECK(!std::isnan(s), "duration of NaN seconds");
  // 9.2e18 us is just inside the int64 range; llround beyond it is undefined.
  const double us = std::clamp(s * 1e6, -9.2e18, 9.2e18);
  return Duration(std::llround(us));
}

std::string to_string(Duration d) {
  std::int64_t us = d.micros();
  if (us == 0) return "0s";
  std::string out = us < 0 ? "-" : "";
  // Negate as unsigned so that the most negative value does not overflow.
  std::uint64_t rest = us < 0 ? 0 - static_cast<std::uint64_t>(us) : static_cast<std::uint64_t>(us);
  if (rest < 1000) return out + fmt::format("{}us", rest);
  if (rest < 1'000'000) {
    std::string ms = fmt::format("{}.{:03}", rest / 1000, rest % 1000);
    while (ms.back() == '0') ms.pop_back();
    if (ms.back() == '.') ms.pop_back();
    return out + ms + "ms";
  }
  std::uint64_t hours = rest / 3'600'000'000ULL;
  rest %= 3'600'000'000ULL;
  std::uint64_t minutes = rest / 60'000'000ULL;
  rest %= 60'000'000ULL;
  std::string secs = fmt::format("{}.{:06}", rest / 1'000'000, rest % 1'000'000);
  while (secs.back() == '0') secs.pop_back();
  if (secs.back() == '.') secs.pop_back();
  if (hours > 0) out += fmt::format("{}h{:02}m", hours, minutes);
  else if (minutes > 0) out += fmt::format("{}m", minutes);
  if ((hours > 0 || minutes > 0) && secs == "0") return out;
  if ((hours > 0 || minutes > 0) && rest < 10'000'000) secs = "0" + secs;
  return out + secs + "s";
}

}  // namespace orchsim
