// LibCurl, the on-demand loader of libcurl: not mapped when the process starts, every function
// resolved on first use, one library per process, and a readable message (never a crash) when the
// library or its functions are missing.
#include <doctest/doctest.h>

#include <dlfcn.h>

#include <string>

#include "engine/live/libcurl.h"

using orchsim::live::LibCurl;

namespace {

constexpr const char* kNeed = "webhook alerts need libcurl (Debian package libcurl4): ";

// Whether `soname` is already in the process; RTLD_NOLOAD never loads it.
bool mapped(const char* soname) {
  void* handle = dlopen(soname, RTLD_LAZY | RTLD_NOLOAD);
  if (handle != nullptr) dlclose(handle);
  return handle != nullptr;
}

// Taken during static initialisation: after the executable's own libraries are in, before any
// test could have sent a webhook.
const bool kMappedAtStart = mapped(LibCurl::kSoname);

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_SUITE("engine.live.libcurl") {
  TEST_CASE("libcurl is not among the libraries the executable starts with") { CHECK_FALSE(kMappedAtStart); }

  TEST_CASE("shared(): every function resolves, and a second call returns the same library") {
    const LibCurl& curl = LibCurl::shared();
    REQUIRE(curl.loaded());
    CHECK(curl.error().empty());
    CHECK(&LibCurl::shared() == &curl);
    CHECK(mapped(LibCurl::kSoname));
    // Double parentheses: doctest cannot print a function pointer, so these are checked as bools.
    CHECK((curl.global_init != nullptr));
    CHECK((curl.easy_init != nullptr));
    CHECK((curl.easy_setopt != nullptr));
    CHECK((curl.easy_perform != nullptr));
    CHECK((curl.easy_getinfo != nullptr));
    CHECK((curl.easy_strerror != nullptr));
    CHECK((curl.easy_cleanup != nullptr));
    CHECK((curl.slist_append != nullptr));
    CHECK((curl.slist_free_all != nullptr));
    // libcurl's own text for CURLE_OK (lib/strerror.c, curl_easy_strerror).
    CHECK(std::string(curl.easy_strerror(CURLE_OK)) == "No error");
    CURL* request = curl.easy_init();
    CHECK(request != nullptr);
    CHECK(curl.easy_setopt(request, CURLOPT_URL, "http://127.0.0.1/") == CURLE_OK);
    curl.easy_cleanup(request);
    // dlopen hands a second loader the library already in the process: the same functions.
    const LibCurl again(LibCurl::kSoname);
    REQUIRE(again.loaded());
    CHECK((again.easy_init == curl.easy_init));
    CHECK((again.easy_setopt == curl.easy_setopt));
  }

  TEST_CASE("a library that does not exist: the message names it and says what to install") {
    const LibCurl missing("liborchsim-no-such-curl.so.4");
    CHECK_FALSE(missing.loaded());
    CHECK(starts_with(missing.error(), std::string(kNeed) + "liborchsim-no-such-curl.so.4: "));
    CHECK((missing.easy_init == nullptr));
    CHECK((missing.easy_setopt == nullptr));
  }

  TEST_CASE("a library without libcurl's functions: the first missing one is named") {
    const LibCurl not_curl("libc.so.6");  // loads, but has no curl_* symbol
    CHECK_FALSE(not_curl.loaded());
    CHECK(starts_with(not_curl.error(), kNeed));
    CHECK(ends_with(not_curl.error(), "undefined symbol: curl_global_init"));
    CHECK((not_curl.easy_init == nullptr));
  }
}
