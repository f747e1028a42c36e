#include "engine/live/webhook_alert_sink.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include <fmt/format.h>

#include "engine/live/libcurl.h"

namespace orchsim::live {

namespace {

std::chrono::microseconds chrono(Duration d) { return std::chrono::microseconds(d.micros()); }

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

// libcurl's progress hook: a non-zero return aborts the transfer (shutdown's drain ran out).
int abort_requested(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
}

struct CurlDeleter {
  const LibCurl* curl;
  void operator()(CURL* c) const { curl->easy_cleanup(c); }
  void operator()(curl_slist* l) const { curl->slist_free_all(l); }
};

}  // namespace

std::string webhook_label(const std::string& url) {
  const auto scheme = url.find("://");
  const std::size_t host_begin = scheme == std::string::npos ? 0 : scheme + 3;
  const std::size_t host_end = std::min(url.find_first_of("/?#", host_begin), url.size());
  std::string host = url.substr(host_begin, host_end - host_begin);
  if (const auto at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  return fmt::format("webhook {}{}{}", url.substr(0, host_begin), host, host_end < url.size() ? "/…" : "");
}

WebhookAlertSink::WebhookAlertSink(WebhookOptions options, AlertFormat format, AlertFailureLog& failures)
    : options_(std::move(options)), format_(format), failures_(failures), name_(webhook_label(options_.url)) {
  worker_ = std::thread([this] { work(); });
}

WebhookAlertSink::~WebhookAlertSink() {
  std::unique_lock lock(mutex_);
  stopping_ = true;
  wake_.notify_all();
  if (!drained_.wait_for(lock, chrono(options_.drain), [this] { return queue_.empty() && !busy_; })) {
    abort_ = true;
    wake_.notify_all();
  }
  lock.unlock();
  worker_.join();
}

void WebhookAlertSink::on_alert(const Alert& alert) {
  Item item{alert, options_.slack ? format_.slack(alert) : format_.json(alert)};
  {
    const std::lock_guard lock(mutex_);
    if (queue_.size() < options_.max_queue) {
      queue_.push_back(std::move(item));
      wake_.notify_all();
      return;
    }
  }
  failures_.failed(alert, name_, fmt::format("{} alerts already waiting; this one is dropped", options_.max_queue));
}

void WebhookAlertSink::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) return;  // stopping, nothing left
    const Item item = std::move(queue_.front());
    queue_.pop_front();
    busy_ = true;
    lock.unlock();
    if (abort_) {
      failures_.failed(item.alert, name_, "not sent: shutdown's drain time ran out");
    } else {
      deliver(item);
    }
    lock.lock();
    busy_ = false;
    if (queue_.empty()) drained_.notify_all();
  }
}

void WebhookAlertSink::deliver(const Item& item) {
  const LibCurl& curl = LibCurl::shared();
  if (!curl.loaded()) {  // retrying cannot make the library appear
    failures_.failed(item.alert, name_, curl.error());
    return;
  }
  std::string error;
  Duration delay = options_.backoff;
  std::uint32_t tries = 0;
  for (std::uint32_t i = 0; i <= options_.retries; ++i) {
    if (i > 0) {
      if (!wait_backoff(delay)) break;
      delay = delay * 2;
    }
    ++tries;
    error = post(curl, item.body);
    if (error.empty()) return;
  }
  failures_.failed(item.alert, name_, fmt::format("{} (after {} {})", error, tries, tries == 1 ? "try" : "tries"));
}

bool WebhookAlertSink::wait_backoff(Duration delay) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_for(lock, chrono(delay), [this] { return abort_.load(); });
}

std::string WebhookAlertSink::post(const LibCurl& curl, const std::string& body) {
  const std::unique_ptr<CURL, CurlDeleter> request(curl.easy_init(), CurlDeleter{&curl});
  if (!request) return "libcurl could not create a request";
  const std::unique_ptr<curl_slist, CurlDeleter> headers(curl.slist_append(nullptr, "Content-Type: application/json"),
                                                         CurlDeleter{&curl});
  char error[CURL_ERROR_SIZE] = {};
  CURL* c = request.get();
  curl.easy_setopt(c, CURLOPT_URL, options_.url.c_str());
  curl.easy_setopt(c, CURLOPT_POST, 1L);
  curl.easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
  curl.easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl.easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl.easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<std::int64_t>(1, options_.timeout.micros() / 1000)));
  curl.easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we are one thread of many
  curl.easy_setopt(c, CURLOPT_WRITEFUNCTION, &discard);
  curl.easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl.easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &abort_requested);
  curl.easy_setopt(c, CURLOPT_XFERINFODATA, &abort_);
  curl.easy_setopt(c, CURLOPT_ERRORBUFFER, error);
  const CURLcode rc = curl.easy_perform(c);
  if (rc != CURLE_OK) return error[0] != '\0' ? std::string(error) : std::string(curl.easy_strerror(rc));
  long status = 0;
  curl.easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) return fmt::format("HTTP {}", status);
  return {};
}

}  // namespace orchsim::live
