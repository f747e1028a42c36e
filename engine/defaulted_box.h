// DefaultedBox<T>: a group of rarely set fields kept on the heap once set, read as T's defaults
// until then. A type held once per task (RetryPolicy's delay shaping, models::WorkloadTask's
// placement, orchestration and writes) pays one null pointer for fields a task leaves at their
// defaults, not their size (issue #15). Reads never allocate (`box->field`); `edit()` does.
// Copies are deep; == compares the values read, so an empty box equals one holding T{}.
// Plain value type; not thread-safe to mutate.
#pragma once

#include <memory>
#include <utility>

namespace orchsim {

template <class T>
class DefaultedBox {
 public:
  DefaultedBox() = default;
  DefaultedBox(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: set from a T
  DefaultedBox(const DefaultedBox& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  DefaultedBox(DefaultedBox&&) noexcept = default;
  DefaultedBox& operator=(const DefaultedBox& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  DefaultedBox& operator=(DefaultedBox&&) noexcept = default;
  ~DefaultedBox() = default;

  const T& operator*() const { return value_ ? *value_ : defaults(); }
  const T* operator->() const { return &**this; }
  // The boxed value, allocated from T's defaults on first use: for writers.
  T& edit() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }

  friend bool operator==(const DefaultedBox& a, const DefaultedBox& b) { return *a == *b; }

 private:
  static const T& defaults() {
    static const T kDefaults{};
    return kDefaults;
  }

  std::unique_ptr<T> value_;
};

}  // namespace orchsim
