// Test helper: a DatabricksSource from a bundle YAML text (resources.jobs.<key>), built with
// config_from_yaml as the bundle reader would for one file without includes, targets or
// variables, so that the job mapper's tests need not depend on the reader.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

#include "sim/input/config_yaml.h"
#include "sim/input/databricks_source.h"
#include "sim/input/yaml_document.h"

namespace orchsim::sim::testing {

inline DatabricksSource bundle_source(const std::string& text, const std::string& file) {
  Diagnostics d;
  const ConfigNode root = config_from_yaml(load_yaml(text, file), file, d);
  d.throw_if_any();
  DatabricksSource source{.envelope = DatabricksEnvelope::kBundle, .root = file, .files = {file}, .jobs = {},
                          .unmodelled = {}};
  const ConfigNode* resources = root.find("resources");
  const ConfigNode* jobs = resources != nullptr ? resources->find("jobs") : nullptr;
  if (jobs == nullptr) return source;
  for (const ConfigEntry& e : jobs->entries) source.jobs.push_back({e.key, "", e.value, e.key_where});
  return source;
}

inline std::string fixture_text(const std::string& name) {
  std::ifstream in(std::string(ORCHSIM_SOURCE_DIR) + "/tests/fixtures/databricks/map/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline DatabricksSource fixture_source(const std::string& name) {
  return bundle_source(fixture_text(name), "tests/fixtures/databricks/map/" + name);
}

}  // namespace orchsim::sim::testing
