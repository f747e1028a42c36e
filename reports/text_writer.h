// TextWriter: where a large report file is rendered. It either counts the bytes or appends them to a
// string, so that a renderer run twice (render_sized: counted, then written into a string reserved
// to that count) holds the file once. A string grown by appends would hold up to twice its size, and
// three times while it reallocates: a 1e5-task report.html is ~20 MB. A writer's helper.
#pragma once

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace orchsim::reports {

class TextWriter {
 public:
  TextWriter() = default;  // counts only
  explicit TextWriter(std::string& out) : out_(&out) {}

  TextWriter& operator<<(std::string_view text) {
    size_ += text.size();
    if (out_) out_->append(text);
    return *this;
  }
  TextWriter& operator<<(char c) {
    ++size_;
    if (out_) out_->push_back(c);
    return *this;
  }
  template <class... Args>
  void format(fmt::format_string<Args...> f, Args&&... args) {
    if (out_) {
      const std::size_t before = out_->size();
      fmt::format_to(std::back_inserter(*out_), f, std::forward<Args>(args)...);
      size_ += out_->size() - before;
    } else {
      size_ += fmt::formatted_size(f, std::forward<Args>(args)...);
    }
  }
  // Bytes written (or counted) so far.
  std::size_t size() const { return size_; }

 private:
  std::string* out_ = nullptr;
  std::size_t size_ = 0;
};

// `render(TextWriter&)` run twice: counted, then into a string reserved to that size. `render` must
// write the same bytes both times (reports are pure).
template <class Render>
std::string render_sized(const Render& render) {
  TextWriter counter;
  render(counter);
  std::string out;
  out.reserve(counter.size());
  TextWriter writer(out);
  render(writer);
  return out;
}

}  // namespace orchsim::reports
