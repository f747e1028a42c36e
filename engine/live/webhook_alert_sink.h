// WebhookAlertSink: POSTs each alert as JSON (AlertFormat::json, or Slack's {"text": …} body) to an
// HTTP(S) URL with libcurl. on_alert only formats the body and queues it, so the engine loop never
// waits on the network; one worker thread sends the queue in order, with a per-request timeout and
// retries after a doubling back-off. The worker loads libcurl on its first delivery (LibCurl); when
// it cannot, each alert is reported with LibCurl's message, untried. Any non-2xx answer or transport error counts as a failed try;
// an alert whose tries all fail (or that finds the queue full) is reported to the AlertFailureLog
// from the worker thread, never thrown. Destruction drains the queue for at most `drain`, then
// aborts the request in flight (libcurl checks within about a second) and reports what is left.
// on_alert: loop thread; everything else happens on the worker.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "engine/alerts.h"
#include "engine/live/alert_failure_log.h"
#include "engine/live/alert_format.h"
#include "engine/time.h"

namespace orchsim::live {

class LibCurl;

struct WebhookOptions {
  std::string url;
  bool slack = false;                          // Slack-compatible {"text": …} body
  Duration timeout = Duration::seconds(5);     // per request, connection included
  std::uint32_t retries = 2;                   // extra tries after a failed one
  Duration backoff = Duration::millis(500);    // before the first retry; doubles per retry
  Duration drain = Duration::seconds(10);      // destruction: how long queued alerts may still take
  std::size_t max_queue = 1000;                // alerts waiting beyond this are reported, not queued
};

// How a webhook is named in messages and the run history: "webhook <scheme>://<host[:port]>/…",
// without user info, path or query, since webhook URLs often carry their secret there (Slack's do).
std::string webhook_label(const std::string& url);

class WebhookAlertSink final : public AlertSink {
 public:
  WebhookAlertSink(WebhookOptions options, AlertFormat format, AlertFailureLog& failures);
  ~WebhookAlertSink() override;
  WebhookAlertSink(const WebhookAlertSink&) = delete;
  WebhookAlertSink& operator=(const WebhookAlertSink&) = delete;

  void on_alert(const Alert& alert) override;

 private:
  struct Item {
    Alert alert;
    std::string body;
  };
  void work();
  void deliver(const Item& item);
  std::string post(const LibCurl& curl, const std::string& body);  // "" on a 2xx answer, else what went wrong
  bool wait_backoff(Duration delay);            // false when shutdown aborted the wait

  WebhookOptions options_;
  AlertFormat format_;
  AlertFailureLog& failures_;
  std::string name_;  // webhook_label(url)
  std::mutex mutex_;
  std::condition_variable wake_;     // the worker: an item, stop or abort
  std::condition_variable drained_;  // the destructor: queue empty and nothing in flight
  std::deque<Item> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::atomic<bool> abort_{false};
  std::thread worker_;  // last: starts once everything above exists
};

}  // namespace orchsim::live
