#include "engine/live/stdout_alert_sink.h"

namespace orchsim::live {

void StdoutAlertSink::on_alert(const Alert& alert) {
  out_ << format_.text(alert) << '\n' << std::flush;
  if (!out_) {
    out_.clear();
    failures_.failed(alert, "stdout", "the stream could not be written");
  }
}

}  // namespace orchsim::live
