#include "engine/live/jsonl_alert_sink.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include <fmt/format.h>

namespace orchsim::live {

void JsonlAlertSink::on_alert(const Alert& alert) {
  std::ofstream out(file_, std::ios::app | std::ios::binary);
  if (out) out << format_.json(alert) << '\n' << std::flush;
  if (!out) {
    failures_.failed(alert, fmt::format("jsonl {}", file_.string()),
                     fmt::format("cannot append to the file: {}", std::strerror(errno)));
  }
}

}  // namespace orchsim::live
