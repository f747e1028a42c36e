#include "sim/input/config_yaml.h"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "sim/input/yaml_document.h"

namespace orchsim::sim {
namespace {

ConfigNode parse(const char* text, Diagnostics& diagnostics) {
  return config_from_yaml(load_yaml(text, "t.yml"), "t.yml", diagnostics);
}

TEST_CASE("config_from_yaml keeps kinds, quoting and 1-based locations") {
  Diagnostics d;
  const ConfigNode root = parse("a: 1\nb: '2'\nc: [x, y]\nd:\n  e: ~\n", d);
  REQUIRE(d.empty());
  REQUIRE(root.is_map());
  REQUIRE(root.entries.size() == 4);
  CHECK(root.find("a")->scalar == "1");
  CHECK_FALSE(root.find("a")->quoted);
  CHECK(root.find("b")->quoted);
  CHECK(root.find("c")->items.size() == 2);
  CHECK(root.find("c")->items[1].where.line == 3);
  CHECK(root.find("c")->items[1].where.column == 8);  // "c: [x, y]": y is the 8th character
  CHECK(root.find("d")->find("e")->is_null());
  CHECK(root.entries[3].key_where.line == 4);
  CHECK(root.find("missing") == nullptr);
}

// YAML 1.1 merge key (yaml.org/type/merge.html): keys of the map itself override merged ones, and
// in a list of merged maps the earlier map wins.
TEST_CASE("config_from_yaml resolves merge keys as YAML 1.1 defines them") {
  Diagnostics d;
  const ConfigNode root = parse(
      "base: &base {x: 1, y: 1}\n"
      "other: &other {y: 2, z: 2}\n"
      "one:\n  <<: *base\n  x: 9\n"
      "two:\n  <<: [*base, *other]\n",
      d);
  REQUIRE(d.empty());
  const ConfigNode& one = *root.find("one");
  CHECK(one.find("<<") == nullptr);
  CHECK(one.find("x")->scalar == "9");
  CHECK(one.find("y")->scalar == "1");
  CHECK(one.find("y")->where.line == 1);  // the merged value keeps where it was written
  const ConfigNode& two = *root.find("two");
  CHECK(two.find("y")->scalar == "1");
  CHECK(two.find("z")->scalar == "2");
}

TEST_CASE("config_from_yaml reports a merge of a scalar and refuses alias bombs") {
  Diagnostics d;
  parse("a:\n  <<: 5\n", d);
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].where.line == 2);
  CHECK(d.items()[0].message.find("merge key") != std::string::npos);

  // Each level doubles: 2^40 values if expanded.
  std::string bomb = "l0: &l0 [x, x]\n";
  for (int i = 1; i <= 40; ++i) bomb += fmt::format("l{}: &l{} [*l{}, *l{}]\n", i, i, i - 1, i - 1);
  Diagnostics bombed;
  parse(bomb.c_str(), bombed);
  REQUIRE_FALSE(bombed.empty());
  CHECK(bombed.items()[0].message.find("more than 500000 values") != std::string::npos);
}

TEST_CASE("config_from_yaml: an explicit !!str tag makes a string, like quotes") {
  Diagnostics d;
  const ConfigNode root = parse("a: !!str 5\nb: 5\n", d);
  REQUIRE(d.empty());
  CHECK(root.find("a")->quoted);
  CHECK_FALSE(root.find("b")->quoted);
}

}  // namespace
}  // namespace orchsim::sim
