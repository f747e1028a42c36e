#include "engine/live/libcurl.h"

#include <dlfcn.h>

#include <fmt/format.h>

namespace orchsim::live {

const LibCurl& LibCurl::shared() {
  // Never deleted: a static object's destructor would dlclose libcurl during exit (see the header).
  static const LibCurl* const library = [] {
    auto* curl = new LibCurl(kSoname);
    if (curl->loaded()) {
      // Once per process: curl_global_init is not thread-safe before libcurl 7.84.
      if (const CURLcode rc = curl->global_init(CURL_GLOBAL_DEFAULT); rc != CURLE_OK) {
        curl->error_ = fmt::format("libcurl could not initialise: {}", curl->easy_strerror(rc));
      }
    }
    return curl;
  }();
  return *library;
}

LibCurl::LibCurl(const char* soname) : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL)) {
  if (handle_ == nullptr) {
    fail(dlerror());
    return;
  }
  resolve(global_init, "curl_global_init");
  resolve(easy_init, "curl_easy_init");
  resolve(easy_setopt, "curl_easy_setopt");
  resolve(easy_perform, "curl_easy_perform");
  resolve(easy_getinfo, "curl_easy_getinfo");
  resolve(easy_strerror, "curl_easy_strerror");
  resolve(easy_cleanup, "curl_easy_cleanup");
  resolve(slist_append, "curl_slist_append");
  resolve(slist_free_all, "curl_slist_free_all");
}

LibCurl::~LibCurl() {
  if (handle_ != nullptr) dlclose(handle_);
}

template <typename Function>
void LibCurl::resolve(Function& function, const char* name) {
  if (!loaded()) return;  // the first missing function is the one reported
  dlerror();              // clears an earlier error, so the one read below is this lookup's
  void* symbol = dlsym(handle_, name);
  if (symbol == nullptr) {
    const char* why = dlerror();
    fail(why != nullptr ? why : fmt::format("{} is null", name));
    return;
  }
  function = reinterpret_cast<Function>(symbol);
}

void LibCurl::fail(const std::string& reason) {
  error_ = fmt::format("webhook alerts need libcurl (Debian package libcurl4): {}", reason);
}

}  // namespace orchsim::live
