// ImportReport: what a Databricks import took as written and what it filled in, for the "Import"
// section of report.md and report.html and the "import" key of summary.json (docs/summary.md):
// the files read, the jobs compared, the bundle target and variables, every task that used a
// default (grouped by what it defaulted), the fields read but not modelled, node types without a
// price, and the import's notes. Filled by the CLI from the import summary (reports do not read
// sim/input, docs/architecture.md §2.1). Plain data and pure writers; any thread.
#pragma once

#include <string>
#include <vector>

namespace orchsim::reports {

struct ImportReport {
  struct Variable {
    std::string name;
    std::string value;
    std::string from;  // "file:line:col", "--var" or "BUNDLE_VAR_<name>"
  };
  struct Defaulted {
    std::string task;
    std::string type;               // the task type whose defaults it took
    std::vector<std::string> what;  // "duration", "cores", …
  };
  struct Located {
    std::string what;
    std::string where;  // "file:line:col"
  };

  std::vector<std::string> sources;  // every file read
  std::vector<std::string> jobs;     // the jobs read: each root, then the jobs it runs
  std::string target;                // the bundle target applied, if any
  std::vector<Variable> variables;
  std::vector<Defaulted> defaulted;
  std::vector<Located> unmodelled;   // fields read but not modelled
  std::vector<Located> unpriced;     // node types with no price in the catalog or the profile
  std::vector<std::string> notes;
};

// "## Import" and its tables, for report.md.
std::string import_markdown(const ImportReport& report);
// "<h2>Import</h2>" and its tables, for report.html.
std::string import_html(const ImportReport& report);
// The value of summary.json's "import" key (an object, indented for its place at depth 1).
std::string import_json(const ImportReport& report);

}  // namespace orchsim::reports
