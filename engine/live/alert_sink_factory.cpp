#include "engine/live/alert_sink_factory.h"

#include <fmt/format.h>

#include "engine/live/jsonl_alert_sink.h"
#include "engine/live/stdout_alert_sink.h"
#include "engine/live/webhook_alert_sink.h"

namespace orchsim::live {

std::unique_ptr<FanOutAlertSink> make_alert_sink(std::span<const AlertDestination> destinations,
                                                 const AlertSinkContext& context) {
  const AlertFormat format(context.jobs, context.epoch_unix_us);
  auto fan_out =
      std::make_unique<FanOutAlertSink>(std::make_unique<AlertFailureLog>(*context.err, format, context.on_failure));
  for (const AlertDestination& d : destinations) {
    switch (d.kind) {
      case AlertDestination::Kind::kStdout:
        fan_out->add("stdout", std::make_unique<StdoutAlertSink>(*context.out, format, fan_out->failures()));
        break;
      case AlertDestination::Kind::kJsonl:
        fan_out->add(fmt::format("jsonl {}", d.path),
                     std::make_unique<JsonlAlertSink>(d.path, format, fan_out->failures()));
        break;
      case AlertDestination::Kind::kWebhook:
        fan_out->add(webhook_label(d.url),
                     std::make_unique<WebhookAlertSink>(
                         WebhookOptions{.url = d.url, .slack = d.slack, .timeout = d.timeout, .retries = d.retries},
                         format, fan_out->failures()));
        break;
    }
  }
  return fan_out;
}

}  // namespace orchsim::live
