// BoxedOptional<T>: an optional value kept on the heap, with the parts of std::optional's interface
// the model uses (has_value, bool, *, ->, value, value_or, emplace, reset, assignment from a T, a
// std::optional<T> or std::nullopt, ==). It costs one pointer when empty, so a rarely set field of
// a type held once per task (models::WorkloadTask) does not cost its full size in every task (issue
// #15). Copies are deep: a copy owns its own value. Plain value type; not thread-safe to mutate.
#pragma once

#include <concepts>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace orchsim::models {

template <class T>
class BoxedOptional;

namespace detail {
template <class U>
inline constexpr bool kIsOptional = false;
template <class U>
inline constexpr bool kIsOptional<std::optional<U>> = true;
template <class U>
inline constexpr bool kIsOptional<BoxedOptional<U>> = true;
}  // namespace detail

template <class T>
class BoxedOptional {
 public:
  using value_type = T;

  BoxedOptional() = default;
  BoxedOptional(std::nullopt_t) {}  // NOLINT: implicit like std::optional
  template <class U = T>
    requires std::constructible_from<T, U&&> && (!std::same_as<std::remove_cvref_t<U>, BoxedOptional>) &&
             (!std::same_as<std::remove_cvref_t<U>, std::optional<T>>) &&
             (!std::same_as<std::remove_cvref_t<U>, std::nullopt_t>)
  BoxedOptional(U&& value) : value_(std::make_unique<T>(std::forward<U>(value))) {}  // NOLINT
  BoxedOptional(const std::optional<T>& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}  // NOLINT
  BoxedOptional(std::optional<T>&& other)  // NOLINT
      : value_(other ? std::make_unique<T>(std::move(*other)) : nullptr) {}
  BoxedOptional(const BoxedOptional& other) : value_(other ? std::make_unique<T>(*other) : nullptr) {}
  BoxedOptional(BoxedOptional&&) noexcept = default;
  BoxedOptional& operator=(const BoxedOptional& other) {
    if (this != &other) value_ = other ? std::make_unique<T>(*other) : nullptr;
    return *this;
  }
  BoxedOptional& operator=(BoxedOptional&&) noexcept = default;
  ~BoxedOptional() = default;

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return has_value(); }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  T& value() {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  const T& value() const {
    if (!value_) throw std::bad_optional_access();
    return *value_;
  }
  template <class U>
  T value_or(U&& fallback) const {
    return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  template <class... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }

  friend bool operator==(const BoxedOptional& a, const BoxedOptional& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a.has_value() || *a == *b;
  }
  friend bool operator==(const BoxedOptional& a, std::nullopt_t) { return !a.has_value(); }
  // Only for what converts to T: found by argument-dependent lookup, an unconstrained template
  // would also take a wrapper of a BoxedOptional (doctest's expression decomposer under clang's
  // reversed candidates), answer false for two empty boxes, and recurse through the converting
  // constructor for full ones.
  template <class U>
    requires(!detail::kIsOptional<U>) && (!std::same_as<U, std::nullopt_t>) && std::convertible_to<const U&, const T&>
  friend bool operator==(const BoxedOptional& a, const U& value) {
    return a.has_value() && *a == value;
  }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace orchsim::models
