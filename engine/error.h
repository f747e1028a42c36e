// Bad input: every problem found in a file is collected as a Diagnostic ("file:line:col: message")
// into one Diagnostics list, then thrown once as InputError, so that the user sees all of them.
// Used by the DAG builder, the scenario loader and the importers; the CLI maps InputError to exit 2.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace orchsim {

// A place in an input file; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Diagnostic {
  SourceLocation where;
  std::string message;

  // "file:line:col: message" (the parts that are known).
  std::string to_string() const;
};

class Diagnostics {
 public:
  void error(SourceLocation where, std::string message);
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  // Throws InputError carrying every collected diagnostic; does nothing when there are none.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> items_;
};

class InputError : public std::runtime_error {
 public:
  explicit InputError(std::vector<Diagnostic> diagnostics);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace orchsim
