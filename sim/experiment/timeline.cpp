#include "sim/experiment/timeline.h"

#include "engine/check.h"

namespace orchsim::sim {

namespace {

bool of_an_attempt(BarKind kind) {
  return kind == BarKind::kWaiting || kind == BarKind::kRunning || kind == BarKind::kFailed ||
         kind == BarKind::kRetryWait;
}

}  // namespace

void Timeline::add(BarKind kind, std::uint32_t lane, SimTime from, SimTime to) {
  ORCHSIM_CHECK(!of_an_attempt(kind), "an attempt's bar needs its attempt");
  ORCHSIM_CHECK(lane < kMaxLanes, "lane {} past the {} a timeline holds", lane, kMaxLanes);
  bars.push_back(TimelineBar(kind, lane, from, to, 0));
}

void Timeline::add(BarKind kind, std::uint32_t lane, SimTime from, SimTime to, BarAttempt attempt) {
  ORCHSIM_CHECK(of_an_attempt(kind), "only an attempt's bar draws an attempt");
  ORCHSIM_CHECK(lane < kMaxLanes, "lane {} past the {} a timeline holds", lane, kMaxLanes);
  // A first attempt of a workload task, the common case, is kept in the bar itself.
  if (attempt.number == 1 && attempt.task < TimelineBar::kRetried) {
    bars.push_back(TimelineBar(kind, lane, from, to, attempt.task));
    return;
  }
  const auto at = static_cast<std::uint32_t>(retried.size());
  ORCHSIM_CHECK(at < TimelineBar::kRetried, "more retried attempts than the bars can index");
  retried.push_back(attempt);
  bars.push_back(TimelineBar(kind, lane, from, to, TimelineBar::kRetried | at));
}

BarAttempt Timeline::attempt_of(const TimelineBar& bar) const {
  if (!of_an_attempt(bar.kind())) return {};
  if ((bar.attempt_ & TimelineBar::kRetried) == 0) return {bar.attempt_, 1};
  return retried[bar.attempt_ & ~TimelineBar::kRetried];
}

}  // namespace orchsim::sim
