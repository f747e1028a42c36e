// load_input: the one entry point from a user's file to a typed spec, for every command that reads
// one (`compare`, `sweep`, `validate TRACE...`). It parses the file once, detects its format from
// the content (never from the file name), hands the document to that format's reader, and returns
// what the caller asked for. Every problem is an InputError of "file:line:col: message" lines:
// an unreadable file, a syntax error, content that is no format orchsim reads (the message names
// the formats expected), a format that cannot give what the caller asked for (a WfCommons trace
// given to `compare`: the message says it is a trace and that `orchsim validate FILE` replays it),
// and every problem the format's reader finds. Any thread; no shared state.
//
// `check` (InputUse::kCheck) asks for whatever the file is, read in full (a sweep's every point
// loaded), and nothing is run: a new format is checked as soon as it has a row in the reader table.
//
// The formats, in detection order (the first that claims a document reads it):
//   WfCommons JSON   a map with a `workflow` key         → a trace (sim/input/wfcommons.h)
//   Databricks       bundle YAML, Jobs API JSON, dbx      → a scenario: the job as written (as_defined)
//                    (looks_like_databricks)                and every alternative (databricks_job_mapper.h)
//   scenario YAML    a map with `workload`, `strategies`  → a scenario, or its sweep grid
//                    or `sweep`                             (sim/input/scenario_loader.h, sweep_loader.h)
// A bundle folder (a path that is a directory) is read as a Databricks bundle.
// Adding a format is adding one InputFormat value and one row to the reader
// table in load_input.cpp: a detector (does this parsed document look like mine?) and a reader
// (fill the LoadedInput field for the use asked, or say the format cannot serve that use), placed
// before any row whose detector would also claim its documents.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/input/databricks_job_mapper.h"
#include "sim/input/databricks_source.h"
#include "sim/input/profile.h"
#include "sim/input/scenario_spec.h"
#include "sim/input/sweep_loader.h"
#include "sim/input/wfcommons.h"

namespace orchsim::sim {

enum class InputFormat : std::uint8_t { kWfCommonsJson, kScenarioYaml, kDatabricks };

// "WfCommons trace", "scenario", "Databricks job".
const char* to_string(InputFormat format);

// What the caller will do with the file.
enum class InputUse : std::uint8_t {
  kScenario,  // simulate its strategies (`compare`): a ScenarioSpec
  kSweep,     // run its grid (`sweep`): a SweepPlan
  kTrace,     // replay a recorded execution (`validate`): a WfCommonsTrace
  kCheck,     // only validate it (`check`): whatever the format gives, a scenario with a `sweep` as its SweepPlan
};

struct InputOptions {
  InputUse use = InputUse::kScenario;
  // Databricks files only:
  BundleOptions bundle;      // `--target`, `--var k=v`
  std::string job;           // `--job K`: which job of several (default: every job no other job runs, together)
  std::string profile_path;  // `--profile P` (sim/input/profile_loader.h); empty: the defaults
  std::optional<Profile> profile;  // read already (`compare --history`: fitted); replaces profile_path
  // Sweeps: the most grid points allowed (the fuzz target lowers it: each point is a whole parse).
  std::size_t max_sweep_points = kMaxSweepPoints;
};

struct LoadedInput {
  std::string file;
  InputFormat format = InputFormat::kScenarioYaml;  // what the content is
  // Exactly one is set: the one InputOptions::use asks for (for kCheck, the one the format gives).
  std::optional<ScenarioSpec> scenario;
  std::optional<SweepPlan> sweep;
  std::optional<WfCommonsTrace> trace;
  // Databricks: the rest of the import (summary, trigger, jobs read); its scenario is `scenario`.
  std::optional<DatabricksImport> databricks;
};

// What a loaded input holds, for `check`: "scenario, 3 tasks, 2 strategies".
std::string describe(const LoadedInput& input);

// Reads the file at `path`. Throws InputError as described above.
LoadedInput load_input(const std::string& path, const InputOptions& options);
// Same, from text; `file` names it in diagnostics (and plays no part in detection).
LoadedInput parse_input(std::string_view text, const std::string& file, const InputOptions& options);

}  // namespace orchsim::sim
