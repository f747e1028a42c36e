// YamlTree: a parsed YAML (or JSON) document as a compact tree, and YamlNode, a handle on one of
// its nodes with the part of yaml-cpp's YAML::Node interface the readers use (IsMap, Scalar,
// operator[], size, iteration with first/second). Built from libyaml's event parser (no YAML::Node
// tree), so that a 100,000-task scenario costs some 16 bytes per node plus its text instead of
// yaml-cpp's ~7 kB per task (issue #15): nodes sit in fixed-size blocks (a large file's tree grows
// without copying), and a map key's text (and a short scalar's) is stored once however often it is
// written. Aliases share the anchored node, as in yaml-cpp. The sweep
// loader rewrites the tree in place (set_child, add_entry) to substitute each point's values.
// Built by load_yaml (sim/input/yaml_document.h); read through YamlReader and the readers of
// sim/input only. A handle must not outlive its tree. Not thread-safe while being rewritten.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace orchsim::sim {

class YamlTree;
struct YamlItem;

class YamlNode {
 public:
  YamlNode() = default;
  YamlNode(const YamlTree* tree, std::uint32_t id) : tree_(tree), id_(id) {}
  YamlNode(const YamlNode&) = default;
  // Only to a named handle: `map[key] = value` would change nothing (the tree is rewritten through
  // YamlTree's own methods), so it does not compile.
  YamlNode& operator=(const YamlNode&) & = default;

  // False for an absent key or index (yaml-cpp's undefined node).
  explicit operator bool() const { return tree_ != nullptr; }
  bool IsDefined() const { return tree_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;
  // The scalar's text (empty for any other node).
  std::string Scalar() const { return std::string(text()); }
  std::string_view text() const;
  // Written in quotes (or tagged !!str), so a string and never a number, bool or null.
  bool quoted() const;
  // Written in quotes (yaml-cpp's "!" tag): a quoted '<<' is a key, not a merge.
  bool in_quotes() const;
  // Written in flow style ({…} or […]), for dumping a value back as written.
  bool flow() const;
  // Entries of a map, items of a sequence, else 0.
  std::size_t size() const;
  // map[key] (the first entry whose key is that scalar), or an undefined node. Like yaml-cpp,
  // throws YAML::BadSubscript on a scalar: a reader that looks into one without checking is a bug
  // the CLI still reports at the value.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // The i-th item of a sequence, or an undefined node.
  YamlNode operator[](std::size_t i) const;
  YamlNode operator[](int i) const { return (*this)[static_cast<std::size_t>(i)]; }
  // 1-based line and column; 0 for a node the sweep loader made (and for an undefined one).
  int line() const;
  int column() const;

  const YamlTree* tree() const { return tree_; }
  std::uint32_t id() const { return id_; }
  bool same(const YamlNode& other) const { return tree_ == other.tree_ && id_ == other.id_; }

  class iterator;
  iterator begin() const;
  iterator end() const;

 private:
  const YamlTree* tree_ = nullptr;
  std::uint32_t id_ = 0;
};

// An element of iteration: a sequence's item (the node itself), or a map's entry (first, second).
struct YamlItem : YamlNode {
  YamlNode first;
  YamlNode second;
};

class YamlNode::iterator {
 public:
  iterator(const YamlTree* tree, std::uint32_t node, std::size_t index) : tree_(tree), node_(node), index_(index) {}
  const YamlItem& operator*() const { return load(); }
  const YamlItem* operator->() const { return &load(); }
  iterator& operator++() { ++index_; return *this; }
  bool operator==(const iterator& o) const { return index_ == o.index_; }
  bool operator!=(const iterator& o) const { return index_ != o.index_; }

 private:
  const YamlItem& load() const;

  const YamlTree* tree_;
  std::uint32_t node_;
  std::size_t index_;
  mutable YamlItem item_;
};

class YamlTree {
 public:
  enum class Kind : std::uint8_t { kNull, kScalar, kSequence, kMap };
  static constexpr std::uint32_t kNoMark = 1u << 31;  // flag: the node was made, not written

  YamlTree() = default;
  YamlTree(const YamlTree& other);  // deep: the sweep loader rewrites a copy for each point
  YamlTree& operator=(const YamlTree& other);
  YamlTree(YamlTree&&) noexcept = default;
  YamlTree& operator=(YamlTree&&) noexcept = default;
  ~YamlTree() = default;

  YamlNode root() const { return {this, root_}; }
  operator YamlNode() const { return root(); }  // NOLINT: a document is read as its root

  // Building (sim/input/yaml_document.cpp's event handler) and rewriting (the sweep loader).
  // `tag` as yaml-cpp's parser gave it ("!" quoted, "?" plain, or a resolved tag); load_yaml makes
  // the same from libyaml's events.
  // `repeated`: text likely written many times (a map key), stored once.
  std::uint32_t add_scalar(std::string_view text, int line, int column, std::string_view tag, bool repeated = false);
  std::uint32_t add_null(int line, int column);
  // A map or sequence, opened first (so that an alias inside it can name it) and closed with its
  // children (key, value, key, value… for a map).
  std::uint32_t open_container(Kind kind, int line, int column, bool flow);
  void close_container(std::uint32_t id, const std::uint32_t* children, std::size_t count);
  void set_root(std::uint32_t id) { root_ = id; }
  // Points the i-th item of sequence (or the i-th entry's value of map) `container` at node `value`.
  void set_child(std::uint32_t container, std::size_t i, std::uint32_t value);
  // Appends `key: value` to map `map` (key a new unlocated scalar).
  void add_entry(std::uint32_t map, std::string_view key, std::uint32_t value);
  // A new unlocated map {kind: <value>} (a strategy given by kind alone, made a map).
  std::uint32_t make_kind_map(std::uint32_t scalar);
  std::size_t node_count() const { return count_; }
  // Once built: gives back the spare capacity of the children and texts, and the index of repeated
  // texts (the tree can still be rewritten after).
  void compact();

 private:
  friend class YamlNode;
  friend class YamlNode::iterator;
  static constexpr std::uint32_t kColumnMask = (1u << 24) - 1;
  static constexpr std::uint32_t kQuoted = 1u << 26, kFlow = 1u << 27, kStrTag = 1u << 28;
  static constexpr int kKindShift = 24;

  // 16 bytes: a scalar's text is text_[a, a+b); a container's children are children_[a, a+b·k)
  // (k = 2 for a map); bits = column (24 bits) | kind (2) | flags.
  struct Node {
    std::uint32_t a = 0;
    std::uint32_t b = 0;
    std::uint32_t line = 0;
    std::uint32_t bits = 0;
  };

  static constexpr std::uint32_t kBlockBits = 12;  // 4096 nodes (64 kB) a block
  static constexpr std::uint32_t kBlockMask = (1u << kBlockBits) - 1;
  // Texts up to this long are also stored once (durations, small numbers), while the index is small.
  static constexpr std::size_t kShortText = 4;
  static constexpr std::size_t kMaxShared = 1u << 16;

  Node& node(std::uint32_t id) { return blocks_[id >> kBlockBits][id & kBlockMask]; }
  const Node& node(std::uint32_t id) const { return blocks_[id >> kBlockBits][id & kBlockMask]; }
  Kind kind(std::uint32_t id) const { return static_cast<Kind>((node(id).bits >> kKindShift) & 3u); }
  std::uint32_t push(Kind kind, int line, int column, std::uint32_t flags);
  // The offset in text_ of a copy of `text`.
  std::uint32_t store_text(std::string_view text, bool repeated);

  std::vector<std::unique_ptr<Node[]>> blocks_;
  std::uint32_t count_ = 0;
  std::vector<std::uint32_t> children_;
  std::string text_;
  std::unordered_map<std::string, std::uint32_t> shared_;  // text -> its offset in text_
  std::uint32_t root_ = 0;
};

}  // namespace orchsim::sim
