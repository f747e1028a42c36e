#include "reports/text_tree.h"

#include <fmt/format.h>

#include "engine/check.h"
#include "engine/json_escape.h"
#include "reports/yaml_escape.h"

namespace orchsim::reports {

TextTree::TextTree(Kind kind, std::string text) : kind_(kind), text_(std::move(text)) {}

bool TextTree::empty() const { return items_.empty(); }

TextTree TextTree::number(double value) { return TextTree(Kind::kNumber, fmt::format("{}", value)); }

TextTree TextTree::list_of(const std::vector<std::string>& strings) {
  TextTree out = list();
  for (const auto& s : strings) out.push(string(s));
  return out;
}

TextTree& TextTree::set(std::string key, TextTree value, std::string comment) {
  ORCHSIM_CHECK(kind_ == Kind::kMap, "set() on a TextTree that is not a map");
  items_.push_back({std::move(key), std::move(value), std::move(comment)});
  return items_.back().value;
}

TextTree& TextTree::push(TextTree value, std::string comment) {
  ORCHSIM_CHECK(kind_ == Kind::kList, "push() on a TextTree that is not a list");
  items_.push_back({{}, std::move(value), std::move(comment)});
  return items_.back().value;
}

TextTree* TextTree::find(std::string_view key) {
  for (auto& item : items_) {
    if (item.key == key) return &item.value;
  }
  return nullptr;
}

namespace {

bool is_container(const TextTree& t) { return t.kind() == TextTree::Kind::kMap || t.kind() == TextTree::Kind::kList; }

std::string scalar_yaml(const TextTree& t) {
  if (t.kind() == TextTree::Kind::kMap) return "{}";
  if (t.kind() == TextTree::Kind::kList) return "[]";
  return t.kind() == TextTree::Kind::kString ? yaml_scalar(t.text()) : t.text();
}

// Each line of `comment` as "# line" at `indent`; a carriage return would end the line early.
void write_comment(std::string& out, const std::string& comment, const std::string& indent) {
  if (comment.empty()) return;
  std::size_t begin = 0;
  while (begin <= comment.size()) {
    const std::size_t end = std::min(comment.find('\n', begin), comment.size());
    std::string line = comment.substr(begin, end - begin);
    for (char& c : line) {
      if (c == '\r' || (static_cast<unsigned char>(c) < 0x20 && c != '\t')) c = ' ';
    }
    out += indent + (line.empty() ? "#" : "# " + line) + "\n";
    begin = end + 1;
  }
}

// Writes the entries of a non-empty container at `depth`. `first_prefix` replaces the indentation
// of the first line (a list item's "- ").
void write_yaml(std::string& out, const TextTree& t, int depth, std::string first_prefix) {
  const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
  bool first = true;
  for (const auto& item : t.items()) {
    const std::string& lead = first && !first_prefix.empty() ? first_prefix : indent;
    // A list item's first key takes its comment at the dash, where a reader looks for it.
    const bool after_dash = first && !first_prefix.empty();
    write_comment(out, item.comment, after_dash ? std::string(first_prefix.size() - 2, ' ') : indent);
    const std::string head = t.kind() == TextTree::Kind::kMap ? lead + yaml_scalar(item.key) + ":" : lead + "-";
    first = false;
    if (!is_container(item.value) || item.value.empty()) {
      out += head + " " + scalar_yaml(item.value) + "\n";
    } else if (t.kind() == TextTree::Kind::kMap) {
      out += head + "\n";
      // A list under a map key is indented one level, as the Databricks examples are.
      write_yaml(out, item.value, depth + 1, {});
    } else {
      write_yaml(out, item.value, depth + 1, head + " ");
    }
  }
}

void write_json(std::string& out, const TextTree& t, int depth) {
  if (!is_container(t)) {
    out += t.kind() == TextTree::Kind::kString ? json_string(t.text()) : t.text();
    return;
  }
  const bool map = t.kind() == TextTree::Kind::kMap;
  if (t.empty()) {
    out += map ? "{}" : "[]";
    return;
  }
  const std::string inner(static_cast<std::size_t>(depth + 1) * 2, ' ');
  out += map ? "{\n" : "[\n";
  for (std::size_t i = 0; i < t.items().size(); ++i) {
    const auto& item = t.items()[i];
    out += inner;
    if (map) out += json_string(item.key) + ": ";
    write_json(out, item.value, depth + 1);
    out += i + 1 < t.items().size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(depth) * 2, ' ') + (map ? "}" : "]");
}

}  // namespace

std::string to_yaml(const TextTree& tree) {
  if (!is_container(tree) || tree.empty()) return scalar_yaml(tree) + "\n";
  std::string out;
  write_yaml(out, tree, 0, {});
  return out;
}

std::string to_json(const TextTree& tree) {
  std::string out;
  write_json(out, tree, 0);
  out += "\n";
  return out;
}

}  // namespace orchsim::reports
