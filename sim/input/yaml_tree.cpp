#include "sim/input/yaml_tree.h"

#include <algorithm>
#include <limits>

#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>

namespace orchsim::sim {

bool YamlNode::IsNull() const { return tree_ != nullptr && tree_->kind(id_) == YamlTree::Kind::kNull; }
bool YamlNode::IsScalar() const { return tree_ != nullptr && tree_->kind(id_) == YamlTree::Kind::kScalar; }
bool YamlNode::IsSequence() const { return tree_ != nullptr && tree_->kind(id_) == YamlTree::Kind::kSequence; }
bool YamlNode::IsMap() const { return tree_ != nullptr && tree_->kind(id_) == YamlTree::Kind::kMap; }

std::string_view YamlNode::text() const {
  if (!IsScalar()) return {};
  const YamlTree::Node& n = tree_->node(id_);
  return std::string_view(tree_->text_).substr(n.a, n.b);
}

bool YamlNode::quoted() const {
  return IsScalar() && (tree_->node(id_).bits & (YamlTree::kQuoted | YamlTree::kStrTag)) != 0;
}
bool YamlNode::in_quotes() const { return IsScalar() && (tree_->node(id_).bits & YamlTree::kQuoted) != 0; }
bool YamlNode::flow() const { return tree_ != nullptr && (tree_->node(id_).bits & YamlTree::kFlow) != 0; }

std::size_t YamlNode::size() const {
  if (!IsMap() && !IsSequence()) return 0;
  return tree_->node(id_).b;
}

int YamlNode::line() const {
  if (tree_ == nullptr || (tree_->node(id_).bits & YamlTree::kNoMark) != 0) return 0;
  return static_cast<int>(tree_->node(id_).line);
}

int YamlNode::column() const {
  if (tree_ == nullptr || (tree_->node(id_).bits & YamlTree::kNoMark) != 0) return 0;
  return static_cast<int>(tree_->node(id_).bits & YamlTree::kColumnMask);
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (IsScalar()) {
    YAML::Mark mark;
    mark.line = line() - 1;
    mark.column = column() - 1;
    throw YAML::BadSubscript(mark, std::string(key));
  }
  if (!IsMap()) return {};
  const YamlTree::Node& n = tree_->node(id_);
  for (std::uint32_t i = 0; i < n.b; ++i) {
    const YamlNode k(tree_, tree_->children_[n.a + 2 * i]);
    if (k.IsScalar() && k.text() == key) return {tree_, tree_->children_[n.a + 2 * i + 1]};
  }
  return {};
}

YamlNode YamlNode::operator[](std::size_t i) const {
  if (!IsSequence() || i >= tree_->node(id_).b) return {};
  return {tree_, tree_->children_[tree_->node(id_).a + i]};
}

YamlNode::iterator YamlNode::begin() const { return {tree_, id_, 0}; }
YamlNode::iterator YamlNode::end() const { return {tree_, id_, size()}; }

const YamlItem& YamlNode::iterator::load() const {
  const YamlTree::Node& n = tree_->node(node_);
  if (tree_->kind(node_) == YamlTree::Kind::kMap) {
    item_.first = YamlNode(tree_, tree_->children_[n.a + 2 * index_]);
    item_.second = YamlNode(tree_, tree_->children_[n.a + 2 * index_ + 1]);
    static_cast<YamlNode&>(item_) = YamlNode();
  } else {
    static_cast<YamlNode&>(item_) = YamlNode(tree_, tree_->children_[n.a + index_]);
  }
  return item_;
}

YamlTree::YamlTree(const YamlTree& other)
    : count_(other.count_), children_(other.children_), text_(other.text_), shared_(other.shared_), root_(other.root_) {
  blocks_.reserve(other.blocks_.size());
  for (const auto& block : other.blocks_) {
    blocks_.push_back(std::make_unique<Node[]>(std::size_t{1} << kBlockBits));
    std::copy(block.get(), block.get() + (std::size_t{1} << kBlockBits), blocks_.back().get());
  }
}

YamlTree& YamlTree::operator=(const YamlTree& other) {
  if (this != &other) *this = YamlTree(other);
  return *this;
}

std::uint32_t YamlTree::push(Kind kind, int line, int column, std::uint32_t flags) {
  Node n;
  n.line = static_cast<std::uint32_t>(std::max(line, 0));
  // A column past 16 million (a huge one-line file) is clamped rather than wrapped.
  n.bits = std::min(static_cast<std::uint32_t>(std::max(column, 0)), kColumnMask) |
           (static_cast<std::uint32_t>(kind) << kKindShift) | flags;
  if (count_ >= std::numeric_limits<std::uint32_t>::max() / 2) throw std::length_error("YAML tree too large");
  if ((count_ & kBlockMask) == 0) blocks_.push_back(std::make_unique<Node[]>(std::size_t{1} << kBlockBits));
  node(count_) = n;
  return count_++;
}

std::uint32_t YamlTree::store_text(std::string_view text, bool repeated) {
  const auto offset = static_cast<std::uint32_t>(text_.size());
  if ((repeated || text.size() <= kShortText) && shared_.size() < kMaxShared) {
    const auto [it, added] = shared_.try_emplace(std::string(text), offset);
    if (!added) return it->second;
  }
  text_.append(text);
  return offset;
}

std::uint32_t YamlTree::add_scalar(std::string_view text, int line, int column, std::string_view tag,
                                   bool repeated) {
  const std::uint32_t flags = tag == "!" ? kQuoted : tag == "tag:yaml.org,2002:str" ? kStrTag : 0;
  const std::uint32_t offset = store_text(text, repeated);
  const std::uint32_t id = push(Kind::kScalar, line, column, flags);
  node(id).a = offset;
  node(id).b = static_cast<std::uint32_t>(text.size());
  return id;
}

void YamlTree::compact() {
  children_.shrink_to_fit();
  text_.shrink_to_fit();
  std::unordered_map<std::string, std::uint32_t>().swap(shared_);
}

std::uint32_t YamlTree::add_null(int line, int column) {
  return push(Kind::kNull, line, column, line <= 0 ? kNoMark : 0);
}

std::uint32_t YamlTree::open_container(Kind kind, int line, int column, bool flow) {
  return push(kind, line, column, (flow ? kFlow : 0) | (line <= 0 ? kNoMark : 0));
}

void YamlTree::close_container(std::uint32_t id, const std::uint32_t* children, std::size_t count) {
  node(id).a = static_cast<std::uint32_t>(children_.size());
  node(id).b = static_cast<std::uint32_t>(kind(id) == Kind::kMap ? count / 2 : count);
  children_.insert(children_.end(), children, children + count);
}

void YamlTree::set_child(std::uint32_t container, std::size_t i, std::uint32_t value) {
  const Node& n = node(container);
  children_[n.a + (kind(container) == Kind::kMap ? 2 * i + 1 : i)] = value;
}

void YamlTree::add_entry(std::uint32_t map, std::string_view key, std::uint32_t value) {
  const std::uint32_t k = add_scalar(key, 0, 0, "?");
  node(k).bits |= kNoMark;
  Node& n = node(map);
  // The map's entries move to the end of children_, the new one after them.
  std::vector<std::uint32_t> entries(children_.begin() + n.a, children_.begin() + n.a + 2 * n.b);
  entries.push_back(k);
  entries.push_back(value);
  const std::size_t first = children_.size();
  children_.insert(children_.end(), entries.begin(), entries.end());
  n.a = static_cast<std::uint32_t>(first);
  ++n.b;
}

std::uint32_t YamlTree::make_kind_map(std::uint32_t scalar) {
  // As yaml-cpp's `map["kind"] = e.Scalar()`: new nodes, so without a place in the file.
  const std::string text(YamlNode(this, scalar).text());  // a copy: add_scalar appends to text_
  const std::uint32_t value = add_scalar(text, 0, 0, "?");
  node(value).bits |= kNoMark;
  const std::uint32_t map = open_container(Kind::kMap, 0, 0, false);
  close_container(map, nullptr, 0);
  add_entry(map, "kind", value);
  return map;
}

}  // namespace orchsim::sim
