#include "sim/input/config_merge.h"

#include <array>
#include <utility>

#include <fmt/format.h>

namespace orchsim::sim {

namespace {

// The lists of a job whose items the CLI merges by a key field rather than concatenating.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kKeyedJobLists{{
    {"tasks", "task_key"},
    {"job_clusters", "job_cluster_key"},
    {"parameters", "name"},
    {"environments", "environment_key"},
}};

const ConfigNode* key_of(const ConfigNode& item, std::string_view key) {
  const ConfigNode* value = item.find(key);
  return value != nullptr && value->is_scalar() ? value : nullptr;
}

void merge_job(ConfigNode& base, ConfigNode over, Diagnostics& diagnostics) {
  if (!base.is_map() || !over.is_map()) return merge_config(base, std::move(over), diagnostics);
  for (ConfigEntry& entry : over.entries) {
    ConfigNode* existing = base.find(entry.key);
    if (existing == nullptr) {
      base.entries.push_back(std::move(entry));
      continue;
    }
    std::string_view item_key;
    for (const auto& [list, field] : kKeyedJobLists) {
      if (entry.key == list) item_key = field;
    }
    if (!item_key.empty()) {
      merge_keyed_items(*existing, std::move(entry.value), item_key, diagnostics);
    } else {
      merge_config(*existing, std::move(entry.value), diagnostics);
    }
  }
}

}  // namespace

void merge_config(ConfigNode& base, ConfigNode over, Diagnostics& diagnostics) {
  if (over.is_null()) return;
  if (base.is_null()) {
    base = std::move(over);
    return;
  }
  if (base.kind != over.kind && (base.is_map() || over.is_map() || base.is_sequence() || over.is_sequence())) {
    diagnostics.error(over.where, fmt::format("cannot merge {} into {} (at {}:{})", over.kind_name(),
                                              base.kind_name(), base.where.line, base.where.column));
    return;
  }
  switch (base.kind) {
    case ConfigNode::Kind::kMap:
      for (ConfigEntry& entry : over.entries) {
        if (ConfigNode* existing = base.find(entry.key)) {
          merge_config(*existing, std::move(entry.value), diagnostics);
        } else {
          base.entries.push_back(std::move(entry));
        }
      }
      return;
    case ConfigNode::Kind::kSequence:
      for (ConfigNode& item : over.items) base.items.push_back(std::move(item));
      return;
    default:
      base = std::move(over);
  }
}

void merge_keyed_items(ConfigNode& base, ConfigNode over, std::string_view key, Diagnostics& diagnostics) {
  if (!base.is_sequence() || !over.is_sequence()) return merge_config(base, std::move(over), diagnostics);
  const std::size_t base_size = base.items.size();
  for (ConfigNode& item : over.items) {
    ConfigNode* target = nullptr;
    if (const ConfigNode* item_key = key_of(item, key)) {
      for (std::size_t i = 0; i < base_size && target == nullptr; ++i) {
        const ConfigNode* candidate = key_of(base.items[i], key);
        if (candidate != nullptr && candidate->scalar == item_key->scalar) target = &base.items[i];
      }
    }
    if (target != nullptr) {
      merge_config(*target, std::move(item), diagnostics);
    } else {
      base.items.push_back(std::move(item));
    }
  }
}

void merge_resources(ConfigNode& base, ConfigNode over, Diagnostics& diagnostics) {
  if (!base.is_map() || !over.is_map()) return merge_config(base, std::move(over), diagnostics);
  for (ConfigEntry& type : over.entries) {
    ConfigNode* existing = base.find(type.key);
    if (existing == nullptr || type.key != "jobs" || !existing->is_map() || !type.value.is_map()) {
      if (existing == nullptr) base.entries.push_back(std::move(type));
      else merge_config(*existing, std::move(type.value), diagnostics);
      continue;
    }
    for (ConfigEntry& job : type.value.entries) {
      if (ConfigNode* base_job = existing->find(job.key)) {
        merge_job(*base_job, std::move(job.value), diagnostics);
      } else {
        existing->entries.push_back(std::move(job));
      }
    }
  }
}

}  // namespace orchsim::sim
