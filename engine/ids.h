// Strong ids: dense indices that cannot be mixed up (a TaskId is not a JobId). Hot paths index
// vectors with them; names live only at the edges. Value types, no thread affinity.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

#include <fmt/format.h>

namespace orchsim {

template <class Tag>
class StrongId {
 public:
  using Value = std::uint32_t;
  constexpr StrongId() = default;
  constexpr explicit StrongId(Value v) : value_(v) {}
  static constexpr StrongId invalid() { return StrongId(); }

  constexpr Value value() const { return value_; }
  constexpr std::size_t index() const { return value_; }
  constexpr bool valid() const { return value_ != kInvalid; }
  constexpr auto operator<=>(const StrongId&) const = default;

 private:
  static constexpr Value kInvalid = std::numeric_limits<Value>::max();
  Value value_ = kInvalid;
};

using TaskId = StrongId<struct TaskTag>;        // a task within one job's DAG
using JobId = StrongId<struct JobTag>;          // a job definition within a deployment
using RunId = StrongId<struct RunTag>;          // one run of a job, within one engine
using AttemptId = StrongId<struct AttemptTag>;  // one attempt, unique within one engine
using ComputeId = StrongId<struct ComputeTag>;  // a compute target (cluster spec) in a deployment
using TableId = StrongId<struct TableTag>;      // a versioned table in a TableStore

}  // namespace orchsim

template <class Tag>
struct std::hash<orchsim::StrongId<Tag>> {
  std::size_t operator()(orchsim::StrongId<Tag> id) const noexcept { return id.value(); }
};

template <class Tag>
struct fmt::formatter<orchsim::StrongId<Tag>> : fmt::formatter<std::uint32_t> {
  auto format(orchsim::StrongId<Tag> id, format_context& ctx) const {
    return fmt::formatter<std::uint32_t>::format(id.value(), ctx);
  }
};
