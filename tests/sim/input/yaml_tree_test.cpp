#include "sim/input/yaml_tree.h"

#include <string>

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "engine/error.h"
#include "tests/sim/input/yaml_errors.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {
namespace {

using testing::load_errors;

TEST_CASE("YamlTree: kinds, text, quoting, flow style and 1-based line:col") {
  const YamlTree tree = load_yaml("a: 1\nb: 'x y'\nc: [p, q]\nd:\n  e: ~\n  f: {g: h}\n", "t.yml");
  const YamlNode root = tree.root();
  REQUIRE(root.IsMap());
  CHECK(root.size() == 4);
  CHECK(root.line() == 1);
  CHECK(root.column() == 1);
  CHECK(root["a"].IsScalar());
  CHECK(root["a"].Scalar() == "1");
  CHECK_FALSE(root["a"].quoted());
  CHECK(root["b"].text() == "x y");
  CHECK(root["b"].quoted());
  CHECK(root["b"].in_quotes());
  CHECK(root["c"].IsSequence());
  CHECK(root["c"].flow());
  CHECK(root["c"].size() == 2);
  CHECK(root["c"][1].text() == "q");
  CHECK(root["c"][1].line() == 3);
  CHECK(root["c"][1].column() == 8);  // "c: [p, q]": q is the 8th character
  CHECK_FALSE(root["c"][2]);          // past the end: undefined
  CHECK(root["d"].IsMap());
  CHECK_FALSE(root["d"].flow());      // block style
  CHECK(root["d"]["e"].IsNull());
  CHECK(root["d"]["e"]);              // an explicit null is defined, unlike an absent key
  CHECK_FALSE(root["d"]["missing"]);
  CHECK(root["d"]["f"].flow());
  CHECK(root["d"]["f"]["g"].line() == 6);
  CHECK(root["d"]["f"]["g"].column() == 10);  // "  f: {g: h}": h at 10
}

TEST_CASE("YamlTree: iteration gives a list's items, a map's entries in the order written") {
  const YamlTree tree = load_yaml("m: {z: 1, a: 2}\nl: [3, 4, 5]\n", "t.yml");
  std::string keys, items;
  for (const auto& e : tree.root()["m"]) keys += e.first.Scalar() + "=" + e.second.Scalar() + ";";
  for (const YamlNode& x : tree.root()["l"]) items += x.Scalar();
  CHECK(keys == "z=1;a=2;");
  CHECK(items == "345");
}

TEST_CASE("YamlTree: an alias is the anchored node itself, at the anchor's place") {
  const YamlTree tree = load_yaml("a: &x {k: v}\nb: *x\n", "t.yml");
  const YamlNode a = tree.root()["a"], b = tree.root()["b"];
  CHECK(a.same(b));
  CHECK(b.line() == 1);
  CHECK(b["k"].text() == "v");
}

TEST_CASE("YamlTree: a scalar's operator[] throws as yaml-cpp's does; a list's gives undefined") {
  const YamlTree tree = load_yaml("s: text\nl: [1]\n", "t.yml");
  CHECK_THROWS(tree.root()["s"]["k"]);
  CHECK_FALSE(tree.root()["l"]["k"]);
}

TEST_CASE("YamlTree: !!str makes a string, but not one written in quotes") {
  const YamlTree tree = load_yaml("a: !!str 5\n", "t.yml");
  CHECK(tree.root()["a"].quoted());
  CHECK_FALSE(tree.root()["a"].in_quotes());
}

TEST_CASE("YamlTree: an empty document is a null root without a place") {
  const YamlTree tree = load_yaml("# nothing\n", "t.yml");
  CHECK(tree.root().IsNull());
  CHECK(tree.root().line() == 0);
}

TEST_CASE("YamlTree: rewriting a value, adding a key, making a scalar a {kind} map") {
  YamlTree tree = load_yaml("m: {a: 1}\nl: [x]\nv: [2]\n", "t.yml");
  const YamlNode two = tree.root()["v"][0];
  tree.set_child(tree.root()["m"].id(), 0, two.id());
  CHECK(tree.root()["m"]["a"].text() == "2");
  CHECK(tree.root()["m"]["a"].line() == 3);  // the value keeps its own place
  tree.add_entry(tree.root()["m"].id(), "b", two.id());
  CHECK(tree.root()["m"].size() == 2);
  CHECK(tree.root()["m"]["b"].text() == "2");
  CHECK(tree.root()["m"]["a"].text() == "2");
  const std::uint32_t map = tree.make_kind_map(tree.root()["l"][0].id());
  tree.set_child(tree.root()["l"].id(), 0, map);
  CHECK(tree.root()["l"][0]["kind"].text() == "x");
  CHECK(tree.root()["l"][0].line() == 0);  // made, not written
  CHECK(tree.root()["v"][0].text() == "2");  // a copy before rewriting is left alone
}

TEST_CASE("YamlTree: past one block of nodes, a key's text stored once, a deep copy") {
  // 3,000 maps {k: v<i>}: 3 nodes each, so the nodes fill more than one block of 4,096.
  std::string text;
  for (int i = 0; i < 3000; ++i) text += fmt::format("- {{k: v{}}}\n", i);
  const YamlTree tree = load_yaml(text, "t.yml");
  REQUIRE(tree.root().size() == 3000);
  CHECK(tree.node_count() == 1 + 3 * 3000);
  CHECK(tree.root()[2999]["k"].text() == "v2999");
  CHECK(tree.root()[2999]["k"].line() == 3000);
  CHECK(tree.root()[2999]["k"].column() == 7);  // "- {k: v2999}": the value starts at column 7
  // The same key in two maps: one text.
  const auto key_of = [&](int i) { return (*tree.root()[i].begin()).first.text(); };
  CHECK(key_of(0) == "k");
  CHECK(key_of(0).data() == key_of(2999).data());

  YamlTree copy = tree;
  copy.set_child(copy.root()[2999].id(), 0, copy.root()[0]["k"].id());
  CHECK(copy.root()[2999]["k"].text() == "v0");
  CHECK(tree.root()[2999]["k"].text() == "v2999");  // the original is left alone
}

TEST_CASE("load_yaml: duplicate keys, a second document, a control character escaped, each at its place") {
  CHECK(load_errors("a: 1\nb: 2\na: 3\n") == "t.yml:3:1: duplicate key 'a' (first at 1:1)\n");
  CHECK(load_errors("a: 1\n---\nb: 2\n").find("t.yml:2:1: a second YAML document") == 0);
  CHECK(load_errors("a: \"x\\0\"\n") ==
        "t.yml:1:4: invalid character U+0000 in this value: names and values may hold no control characters\n");
  CHECK(load_errors("a: [1, 2\n").find("t.yml:") == 0);  // a syntax error, located
}

TEST_CASE("load_yaml: a map past 32 keys still finds a duplicate") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += fmt::format("k{}: 1\n", i);
  text += "k35: 2\n";
  CHECK(load_errors(text.c_str()) == "t.yml:41:1: duplicate key 'k35' (first at 36:1)\n");
}

}  // namespace
}  // namespace orchsim::sim
