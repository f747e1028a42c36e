// The conformance suite (issue #14): one small deterministic scenario per documented Databricks
// statement, in tests/conformance/scenarios/. Each file says where the statement comes from and
// what the docs make of it, in comment lines the test reads:
//   # source: <doc URL>            (at least one)
//   # quote: <the sentence checked> (at least one)
//   # outcome: <strategy> <JOB RESULT>
//   # expect: <strategy> <task> <STATE> <attempts> <start_s> <end_s>   ('-': never happened)
//   # event: <strategy> <text that some line of events.jsonl contains>
//   # metric: <strategy> <replications.csv column> <value, to 6 decimals>
// Every expectation was derived by hand from the docs and the file's fixed durations (see the
// comments in each file), never copied from the output. The test runs the scenario through the
// CLI path, `orchsim compare FILE -n 1 --trace DIR --csv FILE`, and checks replication 0's
// tasks.csv, events.jsonl and outcome.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"
#include "tests/cli/cli_invoke.h"

using orchsim::testing::invoke;
namespace fs = std::filesystem;

namespace {

const fs::path kScenarios = fs::path(ORCHSIM_SOURCE_DIR) / "tests" / "conformance" / "scenarios";

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The rows of a CSV without quoting (task keys and states here have no commas), header dropped.
std::vector<std::vector<std::string>> csv_rows(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(read(p));
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream l(line);
    while (std::getline(l, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

// "360" and "360.000000" alike; "-" for an empty cell.
std::string seconds(const std::string& cell) {
  if (cell.empty()) return "-";
  std::string s = cell;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

void check_scenario(const fs::path& file) {
  const std::string text = read(file);
  std::istringstream in(text);
  std::vector<std::vector<std::string>> expects, outcomes, events, metrics;
  int sources = 0, quotes = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("# source: https://", 0) == 0) ++sources;
    else if (line.rfind("# quote: ", 0) == 0) ++quotes;
    else if (line.rfind("# expect: ", 0) == 0) expects.push_back(words(line.substr(10)));
    else if (line.rfind("# outcome: ", 0) == 0) outcomes.push_back(words(line.substr(11)));
    else if (line.rfind("# metric: ", 0) == 0) metrics.push_back(words(line.substr(10)));
    else if (line.rfind("# event: ", 0) == 0) {
      const std::string rest = line.substr(9);
      const auto space = rest.find(' ');
      events.push_back({rest.substr(0, space), rest.substr(space + 1)});
    }
  }
  CHECK_MESSAGE(sources > 0, "no '# source: https://…' line");
  CHECK_MESSAGE(quotes > 0, "no '# quote: …' line");
  CHECK_MESSAGE(expects.size() + outcomes.size() + events.size() > 0, "nothing expected");

  const fs::path out = fs::temp_directory_path() / ("orchsim_conformance_" + file.stem().string());
  fs::remove_all(out);
  const auto r = invoke({"compare", file.string(), "-n", "1", "--threads", "1", "--format", "csv", "--trace",
                         (out / "trace").string(), "--csv", (out / "replications.csv").string()});
  REQUIRE_MESSAGE(r.code == 0, r.err);

  std::map<std::string, std::string> outcome_of;
  const auto replications = csv_rows(out / "replications.csv");
  for (const auto& row : replications) outcome_of[row.at(0)] = row.at(2);
  const auto header = words([&] {
    std::string h = read(out / "replications.csv");
    h = h.substr(0, h.find('\n'));
    for (char& c : h) c = c == ',' ? ' ' : c;
    return h;
  }());
  for (const auto& m : metrics) {
    REQUIRE(m.size() == 3);
    CAPTURE(m[0]);
    CAPTURE(m[1]);
    const auto col = std::find(header.begin(), header.end(), m[1]);
    REQUIRE(col != header.end());
    const auto row = std::find_if(replications.begin(), replications.end(), [&](const auto& x) { return x.at(0) == m[0]; });
    REQUIRE(row != replications.end());
    CHECK(row->at(static_cast<std::size_t>(col - header.begin())) == m[2]);
  }
  for (const auto& o : outcomes) {
    REQUIRE(o.size() == 2);
    CAPTURE(o[0]);
    CHECK(outcome_of[o[0]] == o[1]);
  }
  for (const auto& e : expects) {
    REQUIRE_MESSAGE(e.size() == 6, "an expect line needs: strategy task STATE attempts start end");
    CAPTURE(e[0]);
    CAPTURE(e[1]);
    const auto rows = csv_rows(out / "trace" / e[0] / "tasks.csv");
    const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto& x) { return x.at(0) == e[1]; });
    REQUIRE(row != rows.end());
    REQUIRE(row->size() == 5);
    CHECK(((*row)[1].empty() ? "-" : (*row)[1]) == e[2]);
    CHECK((*row)[2] == e[3]);
    CHECK(seconds((*row)[3]) == e[4]);
    CHECK(seconds((*row)[4]) == e[5]);
  }
  for (const auto& e : events) {
    CAPTURE(e[0]);
    CAPTURE(e[1]);
    CHECK(read(out / "trace" / e[0] / "events.jsonl").find(e[1]) != std::string::npos);
  }
  fs::remove_all(out);
}

}  // namespace

TEST_SUITE("conformance") {
  TEST_CASE("every documented statement, scenario by scenario") {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(kScenarios)) {
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 20);
    for (const auto& f : files) {
      CAPTURE(f.filename().string());
      check_scenario(f);
    }
  }
}
