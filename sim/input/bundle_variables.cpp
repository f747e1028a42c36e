#include "sim/input/bundle_variables.h"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include <fmt/format.h>

#include "sim/input/closest_name.h"
#include "sim/input/config_yaml.h"

namespace orchsim::sim {

namespace {

// Whole-value references copy trees; past this many copied values the bundle is refused (a list of
// references to lists of references doubles at each level).
constexpr std::size_t kMaxCopiedNodes = 1'000'000;
// Variables whose values refer to variables, resolved recursively: each link costs a few stack
// frames (some 8 KB under AddressSanitizer), so a hostile chain is cut here, far below any stack.
constexpr std::size_t kMaxVariableChain = 64;

bool is_name_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || u >= 0x80;
}

std::size_t count_nodes(const ConfigNode& node) {
  std::size_t n = 1;
  for (const ConfigNode& item : node.items) n += count_nodes(item);
  for (const ConfigEntry& entry : node.entries) n += count_nodes(entry.value);
  return n;
}

}  // namespace

struct BundleVariables::Reference {
  struct Step {
    std::string key;
    std::size_t index = 0;
    bool is_index = false;
  };
  std::string text;  // "${...}" as written
  std::vector<Step> steps;

  // Parses the reference starting at s[at] == '$' ('${' a.b[0].c '}'); false when it is none (then
  // the text is left as written, as the Databricks CLI does).
  bool parse(std::string_view s, std::size_t at) {
    std::size_t i = at + 2;
    steps.clear();
    for (;;) {
      const std::size_t start = i;
      while (i < s.size() && is_name_char(s[i])) ++i;
      if (i == start) return false;
      steps.push_back({std::string(s.substr(start, i - start))});
      while (i < s.size() && s[i] == '[') {
        const std::size_t digits = ++i;
        std::size_t value = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - digits < 9) value = value * 10 + static_cast<std::size_t>(s[i++] - '0');
        if (i == digits || i >= s.size() || s[i] != ']') return false;
        ++i;
        steps.push_back({"", value, true});
      }
      if (i < s.size() && s[i] == '.') {
        ++i;
        continue;
      }
      if (i >= s.size() || s[i] != '}') return false;
      text = std::string(s.substr(at, i + 1 - at));
      return true;
    }
  }
  const std::string& root() const { return steps.front().key; }
  bool key_at(std::size_t i, std::string_view key) const { return i < steps.size() && !steps[i].is_index && steps[i].key == key; }
};

std::string bundle_job_placeholder_id(const std::string& key) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return fmt::format("9{:015}", h % 1'000'000'000'000'000ull);
}

BundleVariables::BundleVariables(const ConfigNode* declared, const ConfigNode* target_values,
                                 const std::string& target_name, const BundleOptions& options, Context context,
                                 Diagnostics& diagnostics)
    : context_(std::move(context)), diagnostics_(diagnostics) {
  if (declared != nullptr) declare(*declared);
  if (target_values != nullptr) apply_target(*target_values, target_name);
  apply_overrides(options);
}

BundleVariables::Variable* BundleVariables::find(const std::string& name) {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &variables_[it->second];
}

std::vector<std::string> BundleVariables::names() const {
  std::vector<std::string> out;
  for (const Variable& v : variables_) out.push_back(v.name);
  return out;
}

void BundleVariables::declare(const ConfigNode& declared) {
  if (declared.is_null()) return;
  if (!declared.is_map()) {
    diagnostics_.error(declared.where, fmt::format("'variables' takes a map of variables, got {}", declared.kind_name()));
    return;
  }
  for (const ConfigEntry& entry : declared.entries) declare_one(entry.key, entry.key_where, entry.value);
}

void BundleVariables::declare_one(const std::string& name, const SourceLocation& where, const ConfigNode& spec) {
  index_[name] = variables_.size();
  Variable& v = variables_.emplace_back();
  v.name = name;
  v.where = where;
  if (!spec.is_map()) {  // a bare value: taken as the default, as a target's shorthand is
    v.value = spec;
    v.has_value = !spec.is_null();
    return;
  }
  for (const ConfigEntry& field : spec.entries) {
    if (field.key == "default") {
      v.value = field.value;
      v.has_value = true;
    } else if (field.key == "lookup") {
      v.lookup = &field.value;
    } else if (field.key == "type") {
      v.complex = field.value.is_scalar() && field.value.scalar == "complex";
      if (!v.complex) diagnostics_.error(field.value.where, "a variable's 'type' can only be 'complex'");
    } else if (field.key != "description") {
      diagnostics_.error(field.key_where, fmt::format("unknown key '{}' in variable '{}'{}", field.key, name,
                                                      did_you_mean(field.key, {"default", "description", "lookup", "type"})));
    }
  }
  if (v.has_value) v.lookup = nullptr;  // a default and a lookup: the CLI uses the default
}

void BundleVariables::apply_target(const ConfigNode& values, const std::string& target_name) {
  if (values.is_null()) return;
  if (!values.is_map()) {
    diagnostics_.error(values.where, fmt::format("the 'variables' of target '{}' take a map, got {}", target_name,
                                                 values.kind_name()));
    return;
  }
  for (const ConfigEntry& entry : values.entries) {
    Variable* v = find(entry.key);
    if (v == nullptr) {
      diagnostics_.error(entry.key_where, fmt::format("target '{}' sets variable '{}', which 'variables' does not "
                                                      "declare{}", target_name, entry.key, did_you_mean(entry.key, names())));
      continue;
    }
    const ConfigNode& value = entry.value;
    // A map is the value itself for a complex variable (or one whose default is a tree); otherwise it
    // is the long form {default: …} or {lookup: …}.
    const bool tree_valued = v->complex || v->value.is_map() || v->value.is_sequence();
    const bool full_form = value.is_map() && !tree_valued;
    if (full_form && !value.find("default") && !value.find("lookup")) {
      diagnostics_.error(value.where, fmt::format("target '{}' gives variable '{}' a map: a variable that is not "
                                                  "'type: complex' takes a value, {{default: …}} or {{lookup: …}}",
                                                  target_name, entry.key));
      continue;
    }
    if (!full_form) {
      v->value = value;
      v->has_value = true;
      v->lookup = nullptr;
    } else if (const ConfigNode* d = value.find("default")) {
      v->value = *d;
      v->has_value = true;
      v->lookup = nullptr;
    } else {
      v->lookup = value.find("lookup");
      v->has_value = false;
    }
  }
}

void BundleVariables::set_from_text(const std::string& name, const std::string& value, const SourceLocation& where,
                                    const char* how) {
  Variable* v = find(name);
  if (v == nullptr) {
    diagnostics_.error(where, fmt::format("{} sets variable '{}', which the bundle does not declare{}", how, name,
                                          did_you_mean(name, names())));
    return;
  }
  if (v->complex) {
    diagnostics_.error(where, fmt::format("{} cannot set the complex variable '{}' (give it in the target instead)", how, name));
    return;
  }
  v->value = ConfigNode{};
  v->value.kind = ConfigNode::Kind::kScalar;
  v->value.scalar = value;  // unquoted: "5" may stand for a number, as on the CLI
  v->value.where = where;
  v->has_value = true;
  v->lookup = nullptr;
}

std::vector<DatabricksVariable> BundleVariables::values() const {
  std::vector<DatabricksVariable> out;
  for (const Variable& v : variables_) {
    std::string text = v.value.is_scalar() ? v.value.scalar : "(unset)";
    if (v.has_value && (v.complex || v.value.is_map() || v.value.is_sequence())) text = "(complex value)";
    if (v.lookup != nullptr) text = "(lookup)";
    out.push_back({v.name, std::move(text), v.has_value ? v.value.where : v.where});
  }
  return out;
}

void BundleVariables::apply_overrides(const BundleOptions& options) {
  for (std::size_t i = 0; i < variables_.size(); ++i) {
    const std::string name = variables_[i].name;
    std::string value;
    bool found = false;
    for (const auto& [key, env_value] : options.env_vars) {
      if (key == "BUNDLE_VAR_" + name) {
        value = env_value;
        found = true;
      }
    }
    if (!found && options.read_process_env) {
      if (const char* env = std::getenv(("BUNDLE_VAR_" + name).c_str())) {
        value = env;
        found = true;
      }
    }
    if (found) set_from_text(name, value, {"BUNDLE_VAR_" + name, 0, 0}, "the environment variable");
  }
  for (const auto& [name, value] : options.vars) set_from_text(name, value, {"--var", 0, 0}, "--var");
}

void BundleVariables::substitute(ConfigNode& node, int depth) {
  if (stopped_) return;
  if (depth > 4 * kMaxConfigDepth) {
    stopped_ = true;
    diagnostics_.error(node.where, fmt::format("nested more than {} levels deep after substituting variables",
                                               4 * kMaxConfigDepth));
    return;
  }
  switch (node.kind) {
    case ConfigNode::Kind::kScalar: return substitute_scalar(node, depth);
    case ConfigNode::Kind::kSequence:
      for (ConfigNode& item : node.items) substitute(item, depth + 1);
      return;
    case ConfigNode::Kind::kMap:
      for (ConfigEntry& entry : node.entries) substitute(entry.value, depth + 1);
      return;
    case ConfigNode::Kind::kNull: return;
  }
}

void BundleVariables::substitute_scalar(ConfigNode& node, int depth) {
  const std::string& text = node.scalar;
  std::size_t at = text.find("${");
  if (at == std::string::npos) return;
  Reference ref;
  ConfigNode scratch;
  if (at == 0 && ref.parse(text, 0) && ref.text.size() == text.size()) {  // a whole value: keeps the tree
    const ConfigNode* value = resolve(ref, node.where, scratch, depth);
    if (value == nullptr) return;
    copied_ += count_nodes(*value);
    if (copied_ > kMaxCopiedNodes) {
      stopped_ = true;
      diagnostics_.error(node.where, fmt::format("the variables expand to more than {} values (references inside "
                                                 "references?)", kMaxCopiedNodes));
      return;
    }
    const SourceLocation where = node.where;
    node = *value;
    if (node.is_scalar() || node.is_null()) node.where = where;  // a scalar is reported where it is used
    return;
  }
  std::string out;
  std::size_t copied_to = 0;
  for (; at != std::string::npos; at = text.find("${", at)) {
    if (!ref.parse(text, at)) {
      at += 2;
      continue;
    }
    const ConfigNode* value = resolve(ref, node.where, scratch, depth);
    if (value != nullptr && !value->is_scalar() && !value->is_null()) {
      diagnostics_.error(node.where, fmt::format("{} is {} and cannot be put inside a string", ref.text, value->kind_name()));
      value = nullptr;
    }
    out.append(text, copied_to, at - copied_to);
    out += value == nullptr ? ref.text : value->scalar;
    at += ref.text.size();
    copied_to = at;
  }
  out.append(text, copied_to);
  node.scalar = std::move(out);
  node.quoted = true;  // text spliced into a string stays a string
}

const ConfigNode* BundleVariables::resolve(const Reference& ref, const SourceLocation& at, ConfigNode& scratch,
                                           int depth) {
  const std::string& root = ref.root();
  if (root == "var" && ref.steps.size() >= 2 && !ref.steps[1].is_index) return resolve_variable(ref, 1, at, depth);
  if (root == "variables" && ref.steps.size() >= 3 && !ref.steps[1].is_index && ref.key_at(2, "value")) {
    return resolve_variable(ref, 1, at, depth);
  }
  if (root == "resources") return resolve_resource(ref, at, scratch);
  if (root == "bundle" && ref.steps.size() == 2 && ref.key_at(1, "target")) {
    scratch = ConfigNode{ConfigNode::Kind::kScalar, context_.target, true, {}, {}, at};
    return &scratch;
  }
  if (root == "bundle" && ref.steps.size() == 2 && ref.key_at(1, "name")) return context_.bundle_name;
  static const std::vector<std::string> kRoots{"var", "variables", "resources", "bundle", "workspace", "artifacts"};
  bool known = false;
  for (const std::string& r : kRoots) known = known || r == root;
  // Anything else is left as written, as the CLI leaves it; a near miss of a root is a typo.
  if (const std::string near = closest_name(root, kRoots, 1); !known && !near.empty()) {
    diagnostics_.error(at, fmt::format("unknown reference {} (did you mean '{}'?)", ref.text, near));
  }
  return nullptr;
}

const ConfigNode* BundleVariables::resolve_variable(const Reference& ref, std::size_t first_step,
                                                    const SourceLocation& at, int depth) {
  const std::string& name = ref.steps[first_step].key;
  Variable* v = find(name);
  if (v == nullptr && context_.fragment) {
    const std::string listed = "var." + name;
    const bool seen = std::any_of(undeclared_.begin(), undeclared_.end(), [&](const auto& u) { return u.first == listed; });
    if (!seen) undeclared_.emplace_back(listed, at);
    return nullptr;
  }
  if (v == nullptr) {
    diagnostics_.error(at, fmt::format("{}: no variable '{}' is declared{}", ref.text, name, did_you_mean(name, names())));
    return nullptr;
  }
  if (v->state == Variable::State::kResolving) {
    std::string cycle;
    bool in = false;
    for (const std::string& link : resolving_) {
      in = in || link == name;
      if (in) cycle += fmt::format("var.{} -> ", link);
    }
    diagnostics_.error(at, fmt::format("{}: the variables refer to each other in a cycle: {}var.{}", ref.text, cycle, name));
    return nullptr;
  }
  if (v->state == Variable::State::kRaw) {
    if (v->lookup != nullptr) {
      diagnostics_.error(at, fmt::format("{}: variable '{}' is a lookup (at {}:{}) that orchsim cannot resolve offline; "
                                         "give its value with --var {}=...", ref.text, name, v->lookup->where.line,
                                         v->lookup->where.column, name));
      return nullptr;
    }
    if (!v->has_value) {
      diagnostics_.error(at, fmt::format("{}: variable '{}' (declared at {}:{}) has no value: give it a default, a "
                                         "value in the target, or --var {}=...", ref.text, name, v->where.line,
                                         v->where.column, name));
      return nullptr;
    }
    if (resolving_.size() >= kMaxVariableChain) {
      diagnostics_.error(at, fmt::format("{}: variables refer to variables more than {} deep", ref.text,
                                         kMaxVariableChain));
      return nullptr;
    }
    v->state = Variable::State::kResolving;
    resolving_.push_back(name);
    substitute(v->value, depth + 1);
    resolving_.pop_back();
    v->state = Variable::State::kResolved;
  }
  // `${variables.x.value...}` has one step more before the path into the value.
  return step_into(&v->value, ref, ref.root() == "variables" ? first_step + 2 : first_step + 1, at);
}

const ConfigNode* BundleVariables::step_into(const ConfigNode* value, const Reference& ref, std::size_t first_step,
                                             const SourceLocation& at) {
  for (std::size_t i = first_step; i < ref.steps.size() && value != nullptr; ++i) {
    const Reference::Step& step = ref.steps[i];
    if (step.is_index) {
      if (!value->is_sequence() || step.index >= value->items.size()) {
        diagnostics_.error(at, fmt::format("{}: index [{}] is out of range ({} here)", ref.text, step.index,
                                           value->is_sequence() ? fmt::format("a list of {}", value->items.size())
                                                                : std::string(value->kind_name())));
        return nullptr;
      }
      value = &value->items[step.index];
      continue;
    }
    const ConfigNode* next = value->find(step.key);
    if (next == nullptr) {
      std::vector<std::string> keys;
      for (const ConfigEntry& entry : value->entries) keys.push_back(entry.key);
      diagnostics_.error(at, fmt::format("{}: no key '{}' in {}{}", ref.text, step.key,
                                         value->is_map() ? "the variable's map" : value->kind_name(),
                                         did_you_mean(step.key, keys)));
      return nullptr;
    }
    value = next;
  }
  return value;
}

const ConfigNode* BundleVariables::resolve_resource(const Reference& ref, const SourceLocation& at, ConfigNode& scratch) {
  if (!ref.key_at(1, "jobs") || ref.steps.size() < 3 || ref.steps[2].is_index) return nullptr;
  const std::string& key = ref.steps[2].key;
  if (job_index_.empty()) {
    for (std::size_t i = 0; i < context_.job_keys.size(); ++i) job_index_.emplace(context_.job_keys[i], i);
  }
  const auto found = job_index_.find(key);
  if (found == job_index_.end() && context_.fragment) {  // defined in another file of its bundle
    const std::string listed = "resources.jobs." + key;
    const bool seen = std::any_of(undeclared_.begin(), undeclared_.end(), [&](const auto& u) { return u.first == listed; });
    if (!seen) undeclared_.emplace_back(listed, at);
    return nullptr;
  }
  if (found == job_index_.end()) {
    diagnostics_.error(at, fmt::format("{}: the bundle defines no job '{}'{}", ref.text, key,
                                       did_you_mean(key, context_.job_keys)));
    return nullptr;
  }
  if (ref.steps.size() != 4 || !ref.key_at(3, "id")) return nullptr;  // other fields exist only once deployed
  scratch = ConfigNode{ConfigNode::Kind::kScalar, context_.job_ids[found->second], false, {}, {}, at};
  return &scratch;
}

}  // namespace orchsim::sim
