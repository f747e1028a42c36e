// write_bundle: writes a report folder (`compare --out`, `sweep --out`) all or nothing. The files go
// into a fresh folder of an unpredictable name inside DIR, created exclusively; only once every file
// is written and synced is it renamed to DIR/<name>. A folder of that name from an earlier run is
// replaced only then (moved aside, the new one moved in, the old one removed); a symlink or a file
// there is refused. On any failure the temporary folder is removed and OutputError
// (cli/output_error.h) names the path and the OS's reason: nothing half-written is left behind.
// Used by cli/cli.cpp; one bundle at a time per DIR/<name>.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/bundle.h"

namespace orchsim::cli {

// Writes `files` as DIR/<folder>/, where <folder> is `name` made one safe path component by
// reports::file_stem ("scenario" if nothing is left); returns that folder's path.
std::string write_bundle(const std::string& dir, std::string_view name, const std::vector<reports::ReportFile>& files);

}  // namespace orchsim::cli
