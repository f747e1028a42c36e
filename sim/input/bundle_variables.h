// BundleVariables: a bundle's variables and the `${...}` references in its job definitions. Each
// variable's value is its `default`, then the chosen target's value, then BUNDLE_VAR_<name> from
// the environment, then `--var name=value` (the last given wins). References are substituted in
// place: `${var.x}` and `${variables.x.value}` (with `.key` and `[i]` steps into complex values),
// `${bundle.target}`, `${bundle.name}`, and `${resources.jobs.<key>.id}` (the job's placeholder id);
// a reference that is a whole value keeps the referenced tree (so a complex variable can stand for
// a map or a list), one inside a longer string is spliced in as text. Values that hold references
// are resolved first, to a fixed point, and a cycle is an error naming it. What cannot be known
// offline (`${workspace.*}`, `${artifacts.*}`, other resources) is left as written. Unknown
// variables and job keys, lookups without a value, and unset variables are errors at the reference.
// Used by the bundle loader. Not thread-safe (one per bundle); any thread.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "engine/error.h"
#include "sim/input/config_node.h"
#include "sim/input/databricks_source.h"

namespace orchsim::sim {

class BundleVariables {
 public:
  // What references outside `var.*` resolve to.
  struct Context {
    std::string target;                // `${bundle.target}`
    const ConfigNode* bundle_name = nullptr;  // `bundle.name`, or null
    std::vector<std::string> job_keys;  // resources.jobs keys and, index for index, their placeholder ids
    std::vector<std::string> job_ids;
    // A resources file read out of its bundle (no `bundle:`, no `variables:`): its variables and
    // other jobs are defined elsewhere, so an undeclared `${var.x}` or an unknown
    // `${resources.jobs.k.id}` is left as written and listed, not an error.
    bool fragment = false;
  };

  // `declared` is the bundle's `variables` map (or null), `target_values` the chosen target's.
  BundleVariables(const ConfigNode* declared, const ConfigNode* target_values, const std::string& target_name,
                  const BundleOptions& options, Context context, Diagnostics& diagnostics);

  // Replaces every reference inside `node` by its value.
  void substitute(ConfigNode& node) { substitute(node, 0); }

  // Every declared variable's chosen value, in declaration order, for the import summary.
  std::vector<DatabricksVariable> values() const;

  // In a fragment: what was left as written ("var.x", "resources.jobs.k"), each with its first reference.
  const std::vector<std::pair<std::string, SourceLocation>>& undeclared() const { return undeclared_; }

 private:
  struct Variable {
    std::string name;
    SourceLocation where;        // its declaration
    bool complex = false;
    ConfigNode value;            // the value chosen by precedence, before substitution
    bool has_value = false;
    const ConfigNode* lookup = nullptr;  // the winning level is a `lookup`
    enum class State : std::uint8_t { kRaw, kResolving, kResolved } state = State::kRaw;
  };
  struct Reference;

  void declare(const ConfigNode& declared);
  void declare_one(const std::string& name, const SourceLocation& where, const ConfigNode& spec);
  void apply_target(const ConfigNode& values, const std::string& target_name);
  void apply_overrides(const BundleOptions& options);
  void set_from_text(const std::string& name, const std::string& value, const SourceLocation& where, const char* how);

  void substitute(ConfigNode& node, int depth);
  void substitute_scalar(ConfigNode& node, int depth);
  // The value a reference stands for, or null when it is left as written (or was an error).
  const ConfigNode* resolve(const Reference& ref, const SourceLocation& at, ConfigNode& scratch, int depth);
  const ConfigNode* resolve_variable(const Reference& ref, std::size_t first_step, const SourceLocation& at, int depth);
  const ConfigNode* step_into(const ConfigNode* value, const Reference& ref, std::size_t first_step,
                              const SourceLocation& at);
  const ConfigNode* resolve_resource(const Reference& ref, const SourceLocation& at, ConfigNode& scratch);
  Variable* find(const std::string& name);
  std::vector<std::string> names() const;

  std::vector<Variable> variables_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, std::size_t> job_index_;  // job key → index in the context's lists, built on first use
  std::vector<std::pair<std::string, SourceLocation>> undeclared_;
  std::vector<std::string> resolving_;  // the chain of variables being resolved, for cycle messages
  Context context_;
  Diagnostics& diagnostics_;
  std::size_t copied_ = 0;  // nodes copied in by whole-value references (capped: alias-bomb-like lists)
  bool stopped_ = false;
};

// The stable stand-in for `${resources.jobs.<key>.id}`: a 16-digit number derived from the key.
std::string bundle_job_placeholder_id(const std::string& key);

}  // namespace orchsim::sim
