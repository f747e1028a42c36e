// The "Import" section of the reports and summary.json's "import" key (issue #12: "the import
// summary (stderr and report) lists every task that used a default").
#include "reports/import_report.h"

#include <doctest/doctest.h>

#include <string>

#include "sim/input/json_reader.h"

using namespace orchsim;

namespace {

reports::ImportReport sample() {
  reports::ImportReport r;
  r.sources = {"b/databricks.yml", "b/resources/job.yml"};
  r.jobs = {"etl"};
  r.target = "dev";
  r.variables = {{"workers", "2", "b/databricks.yml:9:27"}, {"env", "prod", "--var"}};
  // a and c defaulted the same things: one row of two tasks; b another row.
  r.defaulted = {{"a", "notebook", {"duration", "cores"}}, {"b", "sql", {"duration"}}, {"c", "notebook", {"duration", "cores"}}};
  r.unmodelled = {{"tasks[].libraries", "b/resources/job.yml:12:9"}};
  r.notes = {"task <x> & \"y\""};
  return r;
}

}  // namespace

TEST_SUITE("reports") {
  TEST_CASE("import section: defaulted tasks grouped by type and what they defaulted") {
    const std::string md = reports::import_markdown(sample());
    CHECK(md.rfind("## Import\n", 0) == 0);
    CHECK(md.find("| notebook | duration, cores | a, c | 2 |") != std::string::npos);
    CHECK(md.find("| sql | duration | b | 1 |") != std::string::npos);
    CHECK(md.find("| env | prod | --var |") != std::string::npos);
    CHECK(md.find("| target | dev |") != std::string::npos);
    CHECK(md.find("tasks[].libraries") != std::string::npos);
    CHECK(md.find("Node types without a price") == std::string::npos);  // none: no empty table
    const std::string html = reports::import_html(sample());
    CHECK(html.find("<h2>Import</h2>") == 0);
    CHECK(html.find("task &lt;x&gt; &amp; &quot;y&quot;") != std::string::npos);
  }

  TEST_CASE("import key: valid JSON with every task that used a default") {
    const std::string json = "{\"import\": " + reports::import_json(sample()) + "}";
    Diagnostics diagnostics;
    const sim::ConfigNode root = sim::config_from_json(json, "summary.json", diagnostics);
    REQUIRE(diagnostics.empty());
    const sim::ConfigNode& in = *root.find("import");
    CHECK(in.find("files")->items.size() == 2);
    CHECK(in.find("target")->scalar == "dev");
    REQUIRE(in.find("defaulted")->items.size() == 3);
    CHECK(in.find("defaulted")->items[1].find("task")->scalar == "b");
    CHECK(in.find("defaulted")->items[1].find("defaulted")->items[0].scalar == "duration");
    CHECK(in.find("variables")->items[1].find("set_at")->scalar == "--var");
    CHECK(in.find("not_modelled")->items[0].find("at")->scalar == "b/resources/job.yml:12:9");
    CHECK(in.find("unpriced_node_types")->items.empty());
    const std::string none = "{\"import\": " + reports::import_json({}) + "}";
    const sim::ConfigNode empty = sim::config_from_json(none, "summary.json", diagnostics);
    REQUIRE(diagnostics.empty());
    CHECK(empty.find("import")->find("target")->is_null());
  }
}
