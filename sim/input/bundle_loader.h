// BundleLoader: a Databricks Asset Bundle as a DatabricksSource. From the parsed root file it reads
// the `include:` files (sim/input/bundle_includes.h), merges their resources, variables and
// targets, picks the target (`--target`, else the one marked `default: true`, else none) and merges
// its overrides (sim/input/config_merge.h), then substitutes variables and references in every job
// (sim/input/bundle_variables.h). Top-level keys orchsim does not read (permissions, artifacts,
// sync…) are listed in `unmodelled`; a key the bundle schema does not know is an error when it is a
// near miss of a known one (`resource:`) or a resource type put at the top (`jobs:`), and is listed
// otherwise (the schema allows other top-level keys: blocks that only hold YAML anchors). Problems
// of every file go to the one Diagnostics. Used by read_databricks_source. One per bundle; any thread.
#pragma once

#include <string>
#include <vector>

#include "engine/error.h"
#include "sim/input/config_node.h"
#include "sim/input/databricks_source.h"

namespace orchsim::sim {

class BundleLoader {
 public:
  BundleLoader(const BundleOptions& options, Diagnostics& diagnostics) : options_(options), diagnostics_(diagnostics) {}

  // `root` is the parsed `root_file`; includes are relative to `root_dir`.
  DatabricksSource load(ConfigNode root, const std::string& root_file, const std::string& root_dir);

 private:
  void check_top_level(const ConfigNode& document, bool is_root);
  void check_resources(const ConfigNode& resources);
  void absorb(ConfigNode document);
  const ConfigNode* choose_target(std::string& name);
  void apply_target(const ConfigNode& target, const std::string& name);
  void collect_jobs(DatabricksSource& out);
  void substitute(DatabricksSource& out, const std::string& target_name, const ConfigNode* target_values);
  void read_includes(const ConfigNode& include, const std::string& root_file, const std::string& root_dir,
                     std::vector<std::string>& files);
  void note_unmodelled(const std::string& key, const SourceLocation& where);

  const BundleOptions& options_;
  Diagnostics& diagnostics_;
  ConfigNode merged_;  // the root file with every included file merged in
  std::vector<std::pair<std::string, SourceLocation>> unmodelled_;
};

}  // namespace orchsim::sim
