#include "sim/input/config_reader.h"

#include <array>

#include <doctest/doctest.h>

#include "sim/input/config_yaml.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {
namespace {

ConfigNode parse(const char* text) {
  Diagnostics d;
  ConfigNode root = config_from_yaml(load_yaml(text, "c.yml"), "c.yml", d);
  REQUIRE(d.empty());
  return root;
}

std::string only_error(const Diagnostics& d) {
  REQUIRE(d.items().size() == 1);
  return d.items()[0].to_string();
}

TEST_CASE("ConfigReader: an explicit null is an absent key") {
  const ConfigNode root = parse("a: null\nb: ~\n");
  Diagnostics d;
  ConfigReader r(d);
  CHECK_FALSE(r.integer(root, "a", 0, 10).has_value());
  CHECK_FALSE(r.string(root, "b", false).has_value());
  CHECK(ConfigReader::get(root, "a") == nullptr);
  CHECK(d.empty());
  CHECK_FALSE(r.string(root, "b", true).has_value());  // required: missing, at the map
  CHECK(only_error(d) == "c.yml:1:1: missing 'b'");
}

TEST_CASE("ConfigReader: integers written as integral floats are accepted, fractions are not") {
  const ConfigNode root = parse("a: 1.0\nb: 2e3\nc: 1.5\n");
  Diagnostics d;
  ConfigReader r(d);
  CHECK(r.integer(root, "a", 0, 10) == std::optional<std::int64_t>(1));
  CHECK(r.integer(root, "b", 0, 10'000) == std::optional<std::int64_t>(2000));
  CHECK_FALSE(r.integer(root, "c", 0, 10).has_value());
  CHECK(only_error(d) == "c.yml:3:4: 'c' must be an integer, got 1.5");
}

TEST_CASE("ConfigReader: a typo or a quoted number is reported, never coerced") {
  const ConfigNode root = parse("timeout_seconds: 3600,\nretries: \"3\"\nscale: 'x'\n");
  Diagnostics d;
  ConfigReader r(d);
  CHECK_FALSE(r.integer(root, "timeout_seconds", 0, 100'000).has_value());
  CHECK_FALSE(r.integer(root, "retries", 0, 10).has_value());
  CHECK_FALSE(r.number(root, "scale", 0, 10).has_value());
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].to_string() == "c.yml:1:18: 'timeout_seconds' must be an integer, got \"3600,\"");
  CHECK(d.items()[1].to_string() ==
        "c.yml:2:10: 'retries' must be an integer, got the quoted string \"3\" (write it without quotes)");
  CHECK(d.items()[2].to_string() == "c.yml:3:8: 'scale' must be a number, got the string \"x\"");
}

TEST_CASE("ConfigReader: ranges, booleans and single values") {
  const ConfigNode root = parse("n: 11\nflag: yes\nok: true\nlist: [1]\n");
  Diagnostics d;
  ConfigReader r(d);
  CHECK_FALSE(r.integer(root, "n", 0, 10).has_value());
  CHECK_FALSE(r.boolean(root, "flag").has_value());  // YAML 1.1's yes is not JSON's true
  CHECK(r.boolean(root, "ok") == std::optional(true));
  CHECK_FALSE(r.string(root, "list").has_value());
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].to_string() == "c.yml:1:4: 'n' must be between 0 and 10, got 11");
  CHECK(d.items()[1].to_string() == "c.yml:2:7: 'flag' must be true or false, got \"yes\"");
  CHECK(d.items()[2].to_string() == "c.yml:4:7: 'list' must be a single value, got a list");
}

TEST_CASE("ConfigReader: choices and unknown keys suggest the closest name") {
  const ConfigNode root = parse("run_if: ALL_SUCESS\nmode: fast\ntimeout_secnds: 1\n");
  Diagnostics d;
  ConfigReader r(d);
  constexpr std::array<std::pair<std::string_view, int>, 2> kRules{{{"ALL_SUCCESS", 0}, {"ALL_DONE", 1}}};
  CHECK_FALSE(r.choice<int>(root, "run_if", kRules).has_value());
  CHECK_FALSE(r.choice<int>(root, "mode", kRules).has_value());
  constexpr std::array<std::string_view, 3> kAllowed{"run_if", "mode", "timeout_seconds"};
  r.allow_keys(root, kAllowed, "a task");
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].to_string() == "c.yml:1:9: 'run_if': unknown value 'ALL_SUCESS' (did you mean 'ALL_SUCCESS'?)");
  CHECK(d.items()[1].to_string() == "c.yml:2:7: 'mode': unknown value 'fast' (expected one of ALL_SUCCESS, ALL_DONE)");
  CHECK(d.items()[2].to_string() == "c.yml:3:1: unknown key 'timeout_secnds' in a task (did you mean 'timeout_seconds'?)");
}

TEST_CASE("closest_word suggests only near misses") {
  constexpr std::array<std::string_view, 3> kWords{"task_key", "depends_on", "run_if"};
  CHECK(closest_word("task_kye", kWords) == "task_key");
  CHECK(closest_word("something", kWords).empty());
}

}  // namespace
}  // namespace orchsim::sim
