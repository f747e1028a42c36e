// AlertDestination: where `orchsim exec` delivers admitted alerts (engine/live/ builds a sink from
// each). Plain data read from a scenario's `alerts.destinations`; the simulator records alerts as
// events and ignores destinations.
#pragma once

#include <cstdint>
#include <string>

#include "engine/time.h"

namespace orchsim {

struct AlertDestination {
  enum class Kind : std::uint8_t { kStdout, kJsonl, kWebhook };
  Kind kind = Kind::kStdout;
  std::string path;  // kJsonl: file the alerts are appended to, one JSON object per line
  std::string url;   // kWebhook: HTTP(S) endpoint receiving a POST per alert
  bool slack = false;  // kWebhook: Slack-compatible body ({"text": ...}) instead of the alert object
  Duration timeout = Duration::seconds(5);  // kWebhook: per request
  std::uint32_t retries = 2;                // kWebhook: extra tries after a failed request
};

}  // namespace orchsim
