#include "engine/error.h"

#include <fmt/format.h>

namespace orchsim {

std::string Diagnostic::to_string() const {
  std::string place = where.file;
  if (where.line > 0) {
    place += fmt::format(":{}", where.line);
    if (where.column > 0) place += fmt::format(":{}", where.column);
  }
  return place.empty() ? message : place + ": " + message;
}

void Diagnostics::error(SourceLocation where, std::string message) {
  // The same problem at the same place once: a YAML alias read many times repeats it back to back.
  if (!items_.empty()) {
    const Diagnostic& last = items_.back();
    if (last.where.line == where.line && last.where.column == where.column && last.message == message &&
        last.where.file == where.file) {
      return;
    }
  }
  items_.push_back({std::move(where), std::move(message)});
}

void Diagnostics::throw_if_any() const {
  if (!items_.empty()) throw InputError(items_);
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace orchsim
