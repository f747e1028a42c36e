// ImportSummary: what an import of a Databricks job did not take over as written, for the user to
// read before trusting a comparison: the fields orchsim knows but does not model (each listed
// once, where first seen), every task whose work (duration, cores, …) came from a default rather
// than the profile, and the approximations made (e.g. spot fallback not modelled). Filled by the
// job mapper (sim/input/databricks_job_mapper.h); printed to stderr by the CLI. Plain data.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"

namespace orchsim::sim {

// "file:line:col" of a location (the parts known): "--var" for a location with no line.
std::string location_text(const SourceLocation& where);

struct ImportSummary {
  struct Unmodelled {
    std::string field;  // a path like "tasks[].libraries"
    SourceLocation where;
  };
  struct Defaulted {
    std::string task;
    std::string type;               // the task type whose defaults it took
    std::vector<std::string> what;  // "duration", "cores", …
  };

  std::vector<Unmodelled> unmodelled;
  std::vector<Defaulted> defaulted;
  std::vector<std::string> notes;

  // Each adds once: a field path (or note) already listed is not listed again.
  void add_unmodelled(std::string field, SourceLocation where);
  void note(std::string text);
  bool empty() const { return unmodelled.empty() && defaulted.empty() && notes.empty(); }

  // The summary as lines of text, starting "import summary:", for stderr.
  std::string to_text() const;
};

}  // namespace orchsim::sim
