// ORCHSIM_SANITIZED: defined when AddressSanitizer or ThreadSanitizer instruments this build. GCC
// says so with __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__, clang only through __has_feature.
#pragma once

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define ORCHSIM_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define ORCHSIM_SANITIZED 1
#endif
#endif
