// LibCurl: libcurl's functions, loaded with dlopen on first use instead of linked. Linking maps
// libcurl and its ~20 libraries (TLS, Kerberos, LDAP, SSH, HTTP/2…) into every orchsim process,
// about 6.4 MB of RSS, although only `orchsim exec` with a webhook alert destination sends anything.
// <curl/curl.h> still gives the types and constants; each function is resolved by name with dlsym.
// A missing library or function is reported by error(), never thrown, so the webhook sink can log
// it as a failed delivery while everything else keeps working.
#pragma once

#include <string>

#include <curl/curl.h>

namespace orchsim::live {

class LibCurl {
 public:
  static constexpr const char* kSoname = "libcurl.so.4";

  // The process-wide library: loaded and curl_global_init'ed by the first call, on any thread, and
  // never unloaded (libcurl's global state and its TLS library's exit handlers live until exit).
  static const LibCurl& shared();

  // Loads `soname` and resolves every function below; on failure error() says why.
  explicit LibCurl(const char* soname);
  ~LibCurl();
  LibCurl(const LibCurl&) = delete;
  LibCurl& operator=(const LibCurl&) = delete;

  bool loaded() const { return error_.empty(); }
  // "" once loaded, else "webhook alerts need libcurl (Debian package libcurl4): <dlerror text>"
  // (or, for shared(), why curl_global_init failed).
  const std::string& error() const { return error_; }

  // Callable only when loaded(). The variadic setopt/getinfo keep their C signatures, so arguments are
  // promoted exactly as in a direct call.
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;

 private:
  template <typename Function>
  void resolve(Function& function, const char* name);
  void fail(const std::string& reason);

  void* handle_ = nullptr;
  std::string error_;
};

}  // namespace orchsim::live
