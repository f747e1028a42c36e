// BundleWriter: writes a report folder (`compare --out`, `sweep --out`) all or nothing. The files go
// into a fresh folder of an unpredictable name inside DIR, created exclusively, one at a time as the
// caller renders them (so only one file's text need be held: a 1e5-task report.html is ~20 MB);
// only once every file is written and synced is it renamed to DIR/<name>. A folder of that name from
// an earlier run is replaced only then (moved aside, the new one moved in, the old one removed); a
// symlink or a file there is refused. On any failure, or when the writer is destroyed uncommitted
// (an exception while rendering), the temporary folder is removed and OutputError
// (cli/output_error.h) names the path and the OS's reason: nothing half-written is left behind.
// Used by cli/cli.cpp and cli/history_out.cpp; one bundle at a time per DIR/<name>, one thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "reports/bundle.h"

namespace orchsim::cli {

class BundleWriter {
 public:
  // Makes DIR and the temporary folder for DIR/<folder>, where <folder> is `name` made one safe
  // path component by reports::file_stem ("scenario" if nothing is left).
  BundleWriter(const std::string& dir, std::string_view name);
  ~BundleWriter();
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;

  void write(const reports::ReportFile& file);
  // Puts the folder in place; returns its path. Nothing may be written after.
  std::string commit();

 private:
  std::filesystem::path out_, target_, temp_;
  std::string stem_;
  bool committed_ = false;
};

// A BundleWriter given every file of `files`, committed.
std::string write_bundle(const std::string& dir, std::string_view name, const std::vector<reports::ReportFile>& files);

}  // namespace orchsim::cli
