#include "sim/input/load_input.h"

#include <array>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "engine/error.h"
#include "sim/input/input_file.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {

namespace {

// One input format: how to recognise its documents and how to read one.
struct Reader {
  InputFormat format;
  const char* looks_like;  // what its documents look like, for the message on unknown content
  const char* instead;     // what to do with such a file instead, when it cannot serve a use ({} = the file)
  bool (*claims)(const YAML::Node& root);
  // Fills the field of `out` that `use` asks for; false when this format cannot give it.
  bool (*read)(const YAML::Node& root, const std::string& file, InputUse use, LoadedInput& out);
};

bool is_wfcommons(const YAML::Node& root) { return root.IsMap() && root["workflow"]; }

bool read_wfcommons(const YAML::Node& root, const std::string& file, InputUse use, LoadedInput& out) {
  if (use != InputUse::kTrace && use != InputUse::kCheck) return false;
  out.trace = parse_wfcommons_root(root, file);
  return true;
}

bool is_scenario(const YAML::Node& root) {
  return root.IsMap() && (root["workload"] || root["strategies"] || root["sweep"]);
}

bool read_scenario(const YAML::Node& root, const std::string& file, InputUse use, LoadedInput& out) {
  switch (use) {
    case InputUse::kScenario: out.scenario = parse_scenario_root(root, file); return true;
    case InputUse::kSweep: out.sweep = parse_sweep_root(root, file); return true;
    case InputUse::kTrace: return false;
    case InputUse::kCheck:
      if (root["sweep"]) out.sweep = parse_sweep_root(root, file);
      else out.scenario = parse_scenario_root(root, file);
      return true;
  }
  return false;
}

// In detection order: the first row that claims a document reads it.
constexpr std::array<Reader, 2> kReaders{{
    {InputFormat::kWfCommonsJson, "a WfCommons trace (JSON with a 'workflow' object)",
     "'orchsim validate {}' replays a trace against its recorded makespan", is_wfcommons, read_wfcommons},
    {InputFormat::kScenarioYaml, "a scenario (YAML with 'workload' and 'strategies', see scenarios/README.md)",
     "'orchsim compare {0}' simulates a scenario, 'orchsim check {0}' only checks it", is_scenario, read_scenario},
}};

const char* wanted(InputUse use) {
  switch (use) {
    case InputUse::kScenario: return "a scenario";
    case InputUse::kSweep: return "a sweep (a scenario with a 'sweep' grid)";
    case InputUse::kTrace: return "a WfCommons trace";
    case InputUse::kCheck: return "an input";
  }
  return "?";
}

// The noun read_input_file puts in "cannot open the …".
const char* file_role(InputUse use) {
  switch (use) {
    case InputUse::kScenario: return "scenario file";
    case InputUse::kSweep: return "sweep file";
    case InputUse::kTrace: return "WfCommons trace";
    case InputUse::kCheck: return "input file";
  }
  return "file";
}

// One InputError about the whole document, at its start.
[[noreturn]] void fail(const YAML::Node& root, const std::string& file, std::string message) {
  const YAML::Mark mark = root.Mark();
  SourceLocation where{file, 1, 1};
  if (!mark.is_null()) where = {file, mark.line + 1, mark.column + 1};
  throw InputError({Diagnostic{std::move(where), std::move(message)}});
}

}  // namespace

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::kWfCommonsJson: return "WfCommons trace";
    case InputFormat::kScenarioYaml: return "scenario";
  }
  return "?";
}

std::string describe(const LoadedInput& input) {
  const auto count = [](std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); };
  const auto shape = [&](const ScenarioSpec& s) {
    return fmt::format("{}, {}", count(s.workload.tasks.size(), "task", "tasks"),
                       count(s.strategies.size(), "strategy", "strategies"));
  };
  if (input.scenario) return fmt::format("scenario, {}", shape(*input.scenario));
  if (input.sweep) {
    return fmt::format("sweep, {}, {}", count(input.sweep->points.size(), "point", "points"),
                       shape(input.sweep->points.front()));
  }
  if (input.trace) {
    return fmt::format("WfCommons trace {}, {}, {}", input.trace->schema_version,
                       count(input.trace->workload.tasks.size(), "task", "tasks"),
                       count(input.trace->machines.size(), "machine", "machines"));
  }
  return to_string(input.format);
}

LoadedInput parse_input(std::string_view text, const std::string& file, const InputOptions& options) {
  // Before the format is known, a syntax error is named after the format the caller expects.
  const char* syntax = options.use == InputUse::kTrace   ? "malformed JSON"
                       : options.use == InputUse::kCheck ? "invalid YAML or JSON"
                                                         : "invalid YAML";
  const YAML::Node root = load_yaml(text, file, syntax);
  const Reader* reader = nullptr;
  for (const Reader& candidate : kReaders) {
    if (candidate.claims(root)) {
      reader = &candidate;
      break;
    }
  }
  if (reader == nullptr) {
    std::string expected;
    for (const Reader& r : kReaders) expected += fmt::format("{}{}", expected.empty() ? "" : ", or ", r.looks_like);
    fail(root, file, fmt::format("{}: expected {}", root.IsNull() ? "the file is empty" : "not a file orchsim reads",
                                 expected));
  }
  LoadedInput out{.file = file, .format = reader->format};
  bool served = false;
  try {
    served = reader->read(root, file, options.use, out);
  } catch (const YAML::Exception& e) {
    // A node of the wrong shape that a reader looked into without checking: still the file's fault.
    throw InputError({Diagnostic{{file, e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1},
                                 fmt::format("unexpected value here: {}", e.msg)}});
  }
  if (!served) {
    fail(root, file, fmt::format("this is {}, not {}: {}", reader->looks_like, wanted(options.use),
                                 fmt::format(fmt::runtime(reader->instead), file)));
  }
  return out;
}

LoadedInput load_input(const std::string& path, const InputOptions& options) {
  return parse_input(read_input_file(path, file_role(options.use)), path, options);
}

}  // namespace orchsim::sim
