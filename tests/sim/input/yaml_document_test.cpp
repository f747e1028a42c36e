// load_yaml on libyaml's events: where each kind of node is placed, what is null or quoted, aliases,
// a second document and syntax errors. Every line:col below is counted by hand from the text (columns
// in bytes, 1-based; an empty value sits at the token after it, as yaml-cpp placed it).
#include "sim/input/yaml_document.h"

#include <string>

#include <doctest/doctest.h>

#include "engine/error.h"
#include "tests/sim/input/yaml_errors.h"

namespace orchsim::sim {
namespace {

using testing::load_errors;

std::string place(const YamlNode& node) { return std::to_string(node.line()) + ":" + std::to_string(node.column()); }

TEST_CASE("load_yaml: every kind of node at its first token, anchors and tags included") {
  const YamlTree tree = load_yaml("a: plain\n"
                                  "b: \"dq\"\n"
                                  "c: &x [1, {k: v}]\n"
                                  "d: !!str 7\n"
                                  "e:\n"
                                  "  - ~\n"
                                  "  -\n"
                                  "  - *x\n"
                                  "f:\n"
                                  "g: |\n"
                                  "  text\n"
                                  "h:",
                                  "t.yml");
  const YamlNode root = tree.root();
  CHECK(place(root) == "1:1");
  CHECK(place(root["a"]) == "1:4");
  CHECK(place(root["b"]) == "2:4");  // at its opening quote
  const YamlNode c = root["c"];
  CHECK(place(c) == "3:4");  // at the anchor, before '['
  CHECK(c.flow());
  CHECK(place(c[0]) == "3:8");
  CHECK(place(c[1]) == "3:11");
  CHECK(place(c[1]["k"]) == "3:15");  // the value v; its key k is at 3:12
  CHECK(place(root["d"]) == "4:4");   // at the tag
  const YamlNode e = root["e"];
  CHECK(place(e) == "6:3");  // a block list at its first '-'
  CHECK_FALSE(e.flow());
  CHECK(e[0].IsNull());
  CHECK(place(e[0]) == "6:5");
  CHECK(e[1].IsNull());
  CHECK(place(e[1]) == "8:3");  // empty: at the next '-'
  CHECK(e[2].same(c));          // the alias is the anchored node itself
  CHECK(root["f"].IsNull());
  CHECK(place(root["f"]) == "10:1");  // empty: at the next key
  CHECK(place(root["g"]) == "10:4");
  CHECK(root["g"].text() == "text\n");
  CHECK(root["h"].IsNull());
  CHECK(place(root["h"]) == "12:1");  // empty at the end of a file without a final newline: column 1
}

TEST_CASE("load_yaml: what is null, what is a string") {
  const YamlTree tree = load_yaml("a: ~\nb: null\nc: Null\nd: NULL\ne: 'null'\nf: !!str null\ng: ! x\nh: |\n  y\n"
                                  "i: !!null ~\nj: &n\nk: nil\n",
                                  "t.yml");
  const YamlNode root = tree.root();
  for (const char* key : {"a", "b", "c", "d", "j"}) CHECK_MESSAGE(root[key].IsNull(), key);
  CHECK(root["e"].in_quotes());
  CHECK(root["f"].quoted());
  CHECK_FALSE(root["f"].in_quotes());  // tagged !!str, not written in quotes
  CHECK(root["g"].in_quotes());        // the non-specific tag '!' reads as quoted
  CHECK(root["h"].in_quotes());        // a block scalar too
  CHECK(root["i"].IsScalar());         // explicitly tagged: not yaml-cpp's null
  CHECK(root["k"].IsScalar());
  CHECK_FALSE(root["k"].quoted());
  CHECK(place(root["j"]) == "11:4");  // an empty value with an anchor: at the anchor
}

TEST_CASE("load_yaml: columns count bytes, after a BOM and across CR LF") {
  const YamlTree utf8 = load_yaml("n: \xC3\xA9\nm: [\xC3\xA9, x]\n", "t.yml");
  CHECK(place(utf8.root()["m"][1]) == "2:9");  // "m: [é, x]": é takes bytes 5 and 6
  const YamlTree bom = load_yaml("\xEF\xBB\xBF" "a: 1\n", "t.yml");
  CHECK(place(bom.root()) == "1:1");
  CHECK(place(bom.root()["a"]) == "1:4");
  const YamlTree crlf = load_yaml("a: 1\r\nb: [2,\r\n  3]\r\n", "t.yml");
  CHECK(place(crlf.root()["b"][1]) == "3:3");
}

TEST_CASE("load_yaml: a lone CR, NEL and LS end a line for YAML but lines are counted at LF") {
  // YAML 1.1 line breaks other than LF move libyaml to its next line; the diagnostics count lines at
  // LF only (as locate() does), so every node below is on line 1. Bytes: "a: 1" 0-3, NEL 4-5,
  // "b: 2" 6-9, CR 10, "c: 3" 11-14, LS 15-17, "d: 4" 18-21.
  const YamlTree tree = load_yaml("a: 1\xC2\x85" "b: 2\r" "c: 3\xE2\x80\xA8" "d: 4\n", "t.yml");
  CHECK(place(tree.root()["b"]) == "1:10");
  CHECK(place(tree.root()["c"]) == "1:15");
  CHECK(place(tree.root()["d"]) == "1:22");
}

TEST_CASE("load_yaml: an anchor given again names the later node") {
  const YamlTree tree = load_yaml("a: &k 1\nb: *k\nc: &k 2\nd: *k\n", "t.yml");
  CHECK(tree.root()["b"].same(tree.root()["a"]));
  CHECK(tree.root()["d"].text() == "2");
}

TEST_CASE("load_yaml: an alias to an unknown anchor is an error at the alias") {
  CHECK(load_errors("a: 1\nb: *nope\n") == "t.yml:2:4: invalid YAML: alias *nope names no anchor &nope defined before it\n");
  CHECK(load_errors("a: *x\nb: &x 1\n") == "t.yml:1:4: invalid YAML: alias *x names no anchor &x defined before it\n");
}

TEST_CASE("load_yaml: empty documents and a second document") {
  const YamlTree empty = load_yaml("# nothing\n", "t.yml");
  CHECK(empty.root().IsNull());
  CHECK(empty.root().line() == 0);  // no place in the file
  const YamlTree dashes = load_yaml("---\n", "t.yml");
  CHECK(dashes.root().IsNull());
  CHECK(place(dashes.root()) == "2:1");  // empty: at the end of the file
  CHECK(load_errors("a: 1\n---\nb: 2\n").find("t.yml:2:1: a second YAML document") == 0);
  CHECK(load_errors("a: 1\n...\nb: 2\n").find("t.yml:3:1: a second YAML document") == 0);  // text after '...'
  CHECK(load_errors("{\"a\": 1}\n}\n").find("t.yml:2:1: a second YAML document") == 0);    // a stray token
}

TEST_CASE("load_yaml: syntax errors where libyaml finds them, with what it was reading") {
  CHECK(load_errors("a: b: c\n") == "t.yml:1:5: invalid YAML: mapping values are not allowed in this context\n");
  CHECK(load_errors("a: [1, 2\n") ==
        "t.yml:2:1: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at 1:4)\n");
  CHECK(load_errors("a: 1\nb\nc: 2\n") == "t.yml:2:1: invalid YAML: could not find expected ':' after this key\n");
  CHECK(load_errors("a:\n\tb: 1\n") == "t.yml:2:1: invalid YAML: a tab here: YAML indents with spaces only\n");
  CHECK(load_errors("a: \"x\nb: 2\n") == "t.yml:1:4: unclosed quote: the string opened by \" here never ends\n");
  CHECK(load_errors("a: \xC2\x80\n") == "t.yml:1:4: invalid YAML: control characters are not allowed (U+0080)\n");
}

TEST_CASE("load_yaml: nesting stays within yaml-cpp's limit of 499 levels") {
  CHECK(load_errors(std::string(499, '[') + std::string(499, ']') + "\n").empty());
  CHECK(load_errors(std::string(500, '[') + std::string(500, ']') + "\n") ==
        "t.yml:1:500: invalid YAML: lists and maps nested more than 499 levels deep\n");
}

}  // namespace
}  // namespace orchsim::sim
