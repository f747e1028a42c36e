#include "models/name_list.h"

#include <limits>

#include "engine/check.h"

namespace orchsim::models {

void NameList::reserve(std::size_t names, std::size_t chars) {
  ends_.reserve(names);
  chars_.reserve(chars);
}

void NameList::push_back(std::string_view name) {
  chars_ += name;
  ORCHSIM_CHECK(chars_.size() <= std::numeric_limits<std::uint32_t>::max(), "names past 4 GiB in all");
  ends_.push_back(static_cast<std::uint32_t>(chars_.size()));
}

std::string_view NameList::operator[](std::size_t i) const {
  const std::size_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(chars_).substr(begin, ends_[i] - begin);
}

}  // namespace orchsim::models
