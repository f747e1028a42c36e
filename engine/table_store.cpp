#include "engine/table_store.h"

namespace orchsim {

const char* to_string(VersionKind kind) {
  switch (kind) {
    case VersionKind::kCreate: return "create";
    case VersionKind::kCommit: return "commit";
    case VersionKind::kRestore: return "restore";
  }
  return "?";
}

}  // namespace orchsim
