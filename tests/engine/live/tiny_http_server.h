// TinyHttpServer: an HTTP/1.1 server on 127.0.0.1 (an ephemeral port) for the webhook tests, on its
// own thread, with plain sockets. It answers the i-th request with script[i] (200 past the end), or,
// for kHang, reads the request and never answers until the server stops. One connection at a time.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

namespace orchsim::testing {

struct HttpRequest {
  std::string head;  // request line and headers
  std::string body;
};

class TinyHttpServer {
 public:
  static constexpr int kHang = 0;

  explicit TinyHttpServer(std::vector<int> script = {}) : script_(std::move(script)) {
    listen_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listen_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listen_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(listen_, 8) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(listen_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
    REQUIRE(::pipe(stop_) == 0);
    thread_ = std::thread([this] { serve(); });
  }
  ~TinyHttpServer() {
    const char c = 's';
    CHECK(::write(stop_[1], &c, 1) == 1);
    thread_.join();
    ::close(listen_);
    ::close(stop_[0]);
    ::close(stop_[1]);
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }
  std::vector<HttpRequest> requests() const {
    const std::lock_guard lock(mutex_);
    return requests_;
  }

  // A port on 127.0.0.1 where nothing listens (bound for a moment, then released).
  static int unused_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    ::close(fd);
    return ntohs(addr.sin_port);
  }

 private:
  // Waits for `fd` to be readable; false when the server is told to stop first.
  bool wait_readable(int fd) const {
    pollfd fds[2] = {{fd, POLLIN, 0}, {stop_[0], POLLIN, 0}};
    for (;;) {
      if (::poll(fds, 2, -1) < 0) return false;
      if (fds[1].revents != 0) return false;
      if (fds[0].revents != 0) return true;
    }
  }

  void serve() {
    for (std::size_t i = 0;; ++i) {
      if (!wait_readable(listen_)) return;
      const int conn = ::accept(listen_, nullptr, nullptr);
      if (conn < 0) continue;
      HttpRequest request;
      const bool complete = read_request(conn, request);
      if (complete) {
        const std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      const int status = i < script_.size() ? script_[i] : 200;
      if (status == kHang) {
        wait_readable(stop_[0]);
      } else if (complete) {
        const std::string answer = "HTTP/1.1 " + std::to_string(status) +
                                   " X\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
        CHECK(::send(conn, answer.data(), answer.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(answer.size()));
      }
      ::close(conn);
    }
  }

  bool read_request(int conn, HttpRequest& request) const {
    std::string data;
    char buffer[4096];
    std::size_t head_end = std::string::npos;
    std::size_t length = 0;
    while (head_end == std::string::npos || data.size() < head_end + 4 + length) {
      if (!wait_readable(conn)) return false;
      const ssize_t n = ::recv(conn, buffer, sizeof buffer, 0);
      if (n <= 0) return false;
      data.append(buffer, static_cast<std::size_t>(n));
      if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
        const auto at = data.find("Content-Length: ");
        if (at != std::string::npos && at < head_end) length = std::strtoul(data.c_str() + at + 16, nullptr, 10);
      }
    }
    request.head = data.substr(0, head_end);
    request.body = data.substr(head_end + 4, length);
    return true;
  }

  std::vector<int> script_;
  int listen_ = -1;
  int port_ = 0;
  int stop_[2] = {-1, -1};
  mutable std::mutex mutex_;
  std::vector<HttpRequest> requests_;
  std::thread thread_;
};

}  // namespace orchsim::testing
