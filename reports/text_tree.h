// TextTree: an ordered tree of maps, lists and scalars that a writer builds once and prints as YAML
// (block style, with `#` comments above entries) or as JSON (comments dropped). Used by the
// Databricks export (reports/databricks_bundle_writer.h, reports/databricks_json_writer.h) and the
// scenario written by `orchsim import` (reports/scenario_yaml_writer.h). Numbers are kept as the
// text the builder formatted, so both outputs print the same digits. Plain data; no thread affinity.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace orchsim::reports {

class TextTree {
 public:
  enum class Kind : std::uint8_t { kString, kNumber, kBool, kMap, kList };

  // Defined below Item: a vector of an incomplete type may not be built or destroyed (clang).
  static TextTree string(std::string text);
  static TextTree integer(std::int64_t value);
  // The shortest text that reads back as `value` (fmt's "{}").
  static TextTree number(double value);
  static TextTree boolean(bool value);
  static TextTree map();
  static TextTree list();
  static TextTree list_of(const std::vector<std::string>& strings);

  Kind kind() const { return kind_; }
  const std::string& text() const { return text_; }
  bool empty() const;
  // A map entry or list item and the comment written above it (YAML only; may hold newlines).
  struct Item;
  const std::vector<Item>& items() const { return items_; }

  // Adds `key: value` to a map (keys are not checked for repeats: builders add each once) and
  // returns the value added, to fill in place.
  TextTree& set(std::string key, TextTree value, std::string comment = {});
  // Appends to a list; returns the item added.
  TextTree& push(TextTree value, std::string comment = {});
  // The value at `key` of a map, or nullptr.
  TextTree* find(std::string_view key);

 private:
  TextTree(Kind kind, std::string text);
  Kind kind_;
  std::string text_;
  std::vector<Item> items_;
};

struct TextTree::Item {
  std::string key;  // empty for list items
  TextTree value;
  std::string comment;
};

inline TextTree TextTree::string(std::string text) { return TextTree(Kind::kString, std::move(text)); }
inline TextTree TextTree::integer(std::int64_t value) { return TextTree(Kind::kNumber, std::to_string(value)); }
inline TextTree TextTree::boolean(bool value) { return TextTree(Kind::kBool, value ? "true" : "false"); }
inline TextTree TextTree::map() { return TextTree(Kind::kMap, {}); }
inline TextTree TextTree::list() { return TextTree(Kind::kList, {}); }

// Block-style YAML ending in a newline; strings through yaml_scalar (reports/yaml_escape.h).
// Empty maps and lists print as {} and [].
std::string to_yaml(const TextTree& tree);

// JSON (RFC 8259) with two-space indentation, ending in a newline; strings through json_string.
std::string to_json(const TextTree& tree);

}  // namespace orchsim::reports
