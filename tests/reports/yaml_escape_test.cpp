// yaml_scalar against YAML 1.2 (§5.7 escapes, §7.3.3 plain scalars) and the YAML 1.1 booleans
// PyYAML still resolves (yaml.org/type/bool.html): what could read back as anything but the same
// string is double-quoted. Read back here with yaml-cpp, and by PyYAML in tests/tools.
#include <doctest/doctest.h>

#include <yaml-cpp/yaml.h>

#include "reports/text_tree.h"
#include "reports/yaml_escape.h"

using orchsim::reports::TextTree;
using orchsim::reports::yaml_scalar;

TEST_SUITE("reports.yaml_escape") {
  TEST_CASE("names and durations stay plain") {
    CHECK(yaml_scalar("job_A") == "job_A");
    CHECK(yaml_scalar("Standard_DS3_v2") == "Standard_DS3_v2");
    CHECK(yaml_scalar("r5.xlarge") == "r5.xlarge");
    CHECK(yaml_scalar("4m30s") == "4m30s");
    CHECK(yaml_scalar("250ms") == "250ms");
    CHECK(yaml_scalar("/Workspace/x") == "/Workspace/x");
  }

  TEST_CASE("what a reader would take for a number, boolean or null is quoted") {
    CHECK(yaml_scalar("") == "\"\"");
    CHECK(yaml_scalar("3") == "\"3\"");
    CHECK(yaml_scalar("2.5") == "\"2.5\"");
    CHECK(yaml_scalar("1e5") == "\"1e5\"");
    CHECK(yaml_scalar("0x1f") == "\"0x1f\"");
    CHECK(yaml_scalar("true") == "\"true\"");
    CHECK(yaml_scalar("On") == "\"On\"");
    CHECK(yaml_scalar("no") == "\"no\"");
    CHECK(yaml_scalar("Null") == "\"Null\"");
    CHECK(yaml_scalar("~") == "\"~\"");
    CHECK(yaml_scalar("2001-12-14") == "\"2001-12-14\"");
  }

  TEST_CASE("indicators, spaces and control characters are quoted and escaped") {
    CHECK(yaml_scalar("a: b") == "\"a: b\"");
    CHECK(yaml_scalar("#x") == "\"#x\"");
    CHECK(yaml_scalar("- x") == "\"- x\"");
    CHECK(yaml_scalar("${var.x}") == "\"${var.x}\"");
    CHECK(yaml_scalar("say \"hi\"\\") == "\"say \\\"hi\\\"\\\\\"");
    CHECK(yaml_scalar("a\nb\tc\x01") == "\"a\\nb\\tc\\x01\"");
    CHECK(yaml_scalar("é∥") == "\"é∥\"");
  }

  TEST_CASE("every scalar reads back as the same string") {
    for (const char* s : {"", "3", "yes", "a: b", "#x", "[x]", "{y}", "*a", "&b", "!t", "|", ">", "'q'", "%d", "@x",
                          "`x", "a\nb", "tab\there", " lead", "trail ", "x\\y", "\"", "1e5", "0o7", ".inf", "-1"}) {
      INFO(s);
      CHECK(YAML::Load("k: " + yaml_scalar(s))["k"].as<std::string>() == s);
    }
  }

  TEST_CASE("TextTree as YAML and as JSON: nesting, empty containers, comments") {
    TextTree root = TextTree::map();
    TextTree& list = root.set("list", TextTree::list(), "a comment\nover two lines");
    list.push(TextTree::integer(1));
    list.push(TextTree::map()).set("k", TextTree::boolean(true), "inner");
    list.push(TextTree::list()).push(TextTree::string("x y"));
    root.set("empty", TextTree::map());
    root.set("num", TextTree::number(0.1));
    CHECK(orchsim::reports::to_yaml(root) ==
          "# a comment\n"
          "# over two lines\n"
          "list:\n"
          "  - 1\n"
          "  # inner\n"
          "  - k: true\n"
          "  - - \"x y\"\n"
          "empty: {}\n"
          "num: 0.1\n");
    CHECK(orchsim::reports::to_json(root) ==
          "{\n"
          "  \"list\": [\n"
          "    1,\n"
          "    {\n"
          "      \"k\": true\n"
          "    },\n"
          "    [\n"
          "      \"x y\"\n"
          "    ]\n"
          "  ],\n"
          "  \"empty\": {},\n"
          "  \"num\": 0.1\n"
          "}\n");
  }
}
