#include "sim/input/load_input.h"

#include <algorithm>
#include <array>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/exceptions.h>

#include "engine/error.h"
#include "sim/input/config_document.h"
#include "sim/input/config_yaml.h"
#include "sim/input/databricks_reader.h"
#include "sim/input/input_file.h"
#include "sim/input/profile_loader.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim {

namespace {

// The root file that makes a folder a Databricks bundle (the Databricks CLI's names).
constexpr std::array<const char*, 4> kBundleRoots{"databricks.yml", "databricks.yaml", "bundle.yml", "bundle.yaml"};

// A parsed file as the readers see it.
struct Document {
  YamlTree& tree;  // the sweep loader rewrites it
  const YamlNode root;
  std::string_view text;
  std::string* owned_text;  // `text` when the reader may free it once the tree is built, else null
  const std::string& file;
  const InputOptions& options;
};

// One input format: how to recognise its documents and how to read one.
struct Reader {
  InputFormat format;
  const char* looks_like;  // what its documents look like, for the message on unknown content
  const char* instead;     // what to do with such a file instead, when it cannot serve a use ({} = the file)
  bool (*claims)(const Document& doc);
  // Fills the field of `out` that `doc.options.use` asks for; false when this format cannot give it.
  bool (*read)(const Document& doc, LoadedInput& out);
};

bool is_wfcommons(const Document& doc) { return doc.root.IsMap() && doc.root["workflow"]; }

// Frees the file's text: a reader of the tree needs it no more.
void release_text(const Document& doc) {
  if (doc.owned_text != nullptr) std::string().swap(*doc.owned_text);
}

bool read_wfcommons(const Document& doc, LoadedInput& out) {
  if (doc.options.use != InputUse::kTrace && doc.options.use != InputUse::kCheck) return false;
  release_text(doc);
  out.trace = parse_wfcommons_root(doc.root, doc.file);
  return true;
}

bool is_databricks(const Document& doc) {
  // A scenario's keys rule it out without building the tree (scenario loading stays as fast).
  if (!doc.root.IsMap() || doc.root["workload"] || doc.root["strategies"] || doc.root["sweep"]) return false;
  Diagnostics ignored;  // the reader reports them when it reads the file
  return looks_like_databricks(config_from_yaml(doc.root, doc.file, ignored));
}

// The import of `source`, with the profile the options name; `compare` needs every node type priced.
DatabricksImport import_databricks(const DatabricksSource& source, const InputOptions& options) {
  const Profile profile = options.profile ? *options.profile
                          : options.profile_path.empty() ? Profile{} : load_profile(options.profile_path);
  DatabricksImport import = map_databricks_job(source, profile, options.job);
  require_prices(import);
  return import;
}

void take_import(DatabricksImport import, LoadedInput& out) {
  out.scenario = std::move(import.scenario);
  import.scenario = {};
  out.databricks = std::move(import);
}

bool read_databricks(const Document& doc, LoadedInput& out) {
  if (doc.options.use != InputUse::kScenario && doc.options.use != InputUse::kCheck) return false;
  take_import(import_databricks(parse_databricks_source(doc.text, doc.file, doc.options.bundle), doc.options), out);
  return true;
}

bool is_scenario(const Document& doc) {
  return doc.root.IsMap() && (doc.root["workload"] || doc.root["strategies"] || doc.root["sweep"]);
}

// parse_scenario_root, with the tree freed before the checks across tasks: they build the DAG.
ScenarioSpec read_scenario_spec(const Document& doc) {
  Diagnostics diagnostics;
  ScenarioSpec spec = read_scenario_root(doc.root, doc.file, diagnostics);
  doc.tree = YamlTree();
  check_scenario(spec, diagnostics);
  diagnostics.throw_if_any();
  return spec;
}

bool read_scenario(const Document& doc, LoadedInput& out) {
  if (doc.options.use != InputUse::kTrace) release_text(doc);
  switch (doc.options.use) {
    case InputUse::kScenario: out.scenario = read_scenario_spec(doc); return true;
    case InputUse::kSweep: out.sweep = parse_sweep_root(doc.tree, doc.file, doc.options.max_sweep_points); return true;
    case InputUse::kTrace: return false;
    case InputUse::kCheck:
      if (doc.root["sweep"]) out.sweep = parse_sweep_root(doc.tree, doc.file, doc.options.max_sweep_points);
      else out.scenario = read_scenario_spec(doc);
      return true;
  }
  return false;
}

// In detection order: the first row that claims a document reads it.
constexpr std::array<Reader, 3> kReaders{{
    {InputFormat::kWfCommonsJson, "a WfCommons trace (JSON with a 'workflow' object)",
     "'orchsim validate {}' replays a trace against its recorded makespan", is_wfcommons, read_wfcommons},
    {InputFormat::kDatabricks, "a Databricks job (bundle YAML with resources.jobs, or Jobs API JSON, see docs/databricks.md)",
     "'orchsim compare {}' compares the job as written with the other layouts", is_databricks, read_databricks},
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

// Where the document starts, for an error about the whole of it.
SourceLocation document_start(const YamlNode& root, const std::string& file) {
  if (root.line() > 0) return {file, root.line(), root.column()};
  return {file, 1, 1};
}

[[noreturn]] void fail(SourceLocation where, std::string message) {
  throw InputError({Diagnostic{std::move(where), std::move(message)}});
}

}  // namespace

const char* to_string(InputFormat format) {
  switch (format) {
    case InputFormat::kWfCommonsJson: return "WfCommons trace";
    case InputFormat::kScenarioYaml: return "scenario";
    case InputFormat::kDatabricks: return "Databricks job";
  }
  return "?";
}

std::string describe(const LoadedInput& input) {
  const auto count = [](std::size_t n, const char* one, const char* many) { return fmt::format("{} {}", n, n == 1 ? one : many); };
  const auto shape = [&](const ScenarioSpec& s) {
    return fmt::format("{}, {}", count(s.workload.tasks.size(), "task", "tasks"),
                       count(s.strategies.size(), "strategy", "strategies"));
  };
  if (input.databricks && input.scenario) {
    const std::vector<std::string>& roots = input.databricks->roots;
    if (roots.size() > 1) {
      return fmt::format("{} Databricks jobs compared together ('{}'), {}", roots.size(), fmt::join(roots, "', '"),
                         shape(*input.scenario));
    }
    return fmt::format("Databricks job '{}', {}", input.databricks->job, shape(*input.scenario));
  }
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

namespace {

// parse_input; `owned` (the string `text` views, or null) may be freed once the tree is built.
LoadedInput parse_text(std::string_view text, std::string* owned, const std::string& file, const InputOptions& options) {
  // Before the format is known, a syntax error is named after the format the caller expects.
  const char* syntax = options.use == InputUse::kTrace   ? "malformed JSON"
                       : options.use == InputUse::kCheck ? "invalid YAML or JSON"
                                                         : "invalid YAML";
  YamlTree tree;
  try {
    tree = load_yaml(text, file, syntax);
  } catch (const InputError&) {
    // A JSON file's syntax error is named after JSON and the token expected, by the strict reader.
    if ((options.use == InputUse::kScenario || options.use == InputUse::kCheck) && is_json_document(text, file)) {
      Diagnostics json;
      (void)read_config_document(text, file, json);
      json.throw_if_any();
    }
    throw;
  }
  const YamlNode root = tree.root();
  const SourceLocation start = document_start(root, file);  // the reader may free the tree
  const Document doc{tree, root, text, owned, file, options};
  const Reader* reader = nullptr;
  for (const Reader& candidate : kReaders) {
    if (candidate.claims(doc)) {
      reader = &candidate;
      break;
    }
  }
  if (reader == nullptr) {
    std::string expected;
    for (const Reader& r : kReaders) expected += fmt::format("{}{}", expected.empty() ? "" : ", or ", r.looks_like);
    fail(start, fmt::format("{}: expected {}", root.IsNull() ? "the file is empty" : "not a file orchsim reads",
                                 expected));
  }
  LoadedInput out{.file = file, .format = reader->format};
  bool served = false;
  try {
    served = reader->read(doc, out);
  } catch (const YAML::Exception& e) {
    // A node of the wrong shape that a reader looked into without checking: still the file's fault.
    throw InputError({Diagnostic{{file, e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1},
                                 fmt::format("unexpected value here: {}", e.msg)}});
  }
  if (!served) {
    fail(start, fmt::format("this is {}, not {}: {}", reader->looks_like, wanted(options.use),
                                 fmt::format(fmt::runtime(reader->instead), file)));
  }
  // The Databricks options fill no gap of another format: given there, they are a mistake, not ignored.
  const bool databricks_options = !options.job.empty() || !options.profile_path.empty() || options.profile ||
                                  !options.bundle.target.empty() || !options.bundle.vars.empty();
  if (databricks_options && reader->format != InputFormat::kDatabricks) {
    fail(start, fmt::format("--job, --target, --var and --profile apply to Databricks jobs; this is {}",
                                 reader->looks_like));
  }
  return out;
}

}  // namespace

LoadedInput parse_input(std::string_view text, const std::string& file, const InputOptions& options) {
  return parse_text(text, nullptr, file, options);
}

LoadedInput load_input(const std::string& path, const InputOptions& options) {
  std::error_code ec;
  // A folder is a bundle when it has a bundle's root file; any other folder is refused as before.
  const bool bundle = std::filesystem::is_directory(path, ec) &&
                      std::any_of(kBundleRoots.begin(), kBundleRoots.end(), [&](const char* name) {
                        return std::filesystem::is_regular_file(std::filesystem::path(path) / name, ec);
                      });
  if (bundle) {
    if (options.use != InputUse::kScenario && options.use != InputUse::kCheck) {
      Diagnostics d;
      d.error({path, 0, 0}, fmt::format("a folder (a Databricks bundle?) is not {}: 'orchsim compare {}' compares a "
                                        "bundle's job", wanted(options.use), path));
      d.throw_if_any();
    }
    LoadedInput out{.file = path, .format = InputFormat::kDatabricks};
    take_import(import_databricks(read_databricks_source(path, options.bundle), options), out);
    return out;
  }
  std::string text = read_input_file(path, file_role(options.use));
  return parse_text(text, &text, path, options);
}

}  // namespace orchsim::sim
