#include "cli/bundle_writer.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

#include "cli/output_error.h"
#include "cli/output_file.h"
#include "engine/check.h"
#include "reports/file_stem.h"

namespace orchsim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, std::string_view what, int error) {
  throw OutputError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(error)));
}

// Refuses to replace anything at `path` but a folder (or nothing).
void check_replaceable(const fs::path& path) {
  const std::string there = what_is_at(path);
  if (!there.empty() && there != "a folder") {
    throw OutputError(fmt::format("{}: is {}; refusing to replace it with the report folder", path.string(), there));
  }
}

// A new, empty folder of an unpredictable name in `dir`; mkdir() fails rather than reuse anything.
fs::path make_temporary_folder(const fs::path& dir, const std::string& stem) {
  for (int attempt = 0;; ++attempt) {
    const fs::path temp = dir / unpredictable_name(stem, "tmp");
    if (::mkdir(temp.c_str(), 0755) == 0) return temp;
    if (errno != EEXIST || attempt == 8) fail(temp, "cannot create folder", errno);
  }
}

// Renames the complete folder `temp` to `target`; an earlier run's folder there is moved aside
// first and removed only once the new one is in place (put back if that fails).
void install(const fs::path& temp, const fs::path& target, const std::string& stem) {
  if (std::rename(temp.c_str(), target.c_str()) == 0) return;
  if (errno != EEXIST && errno != ENOTEMPTY) fail(target, "cannot rename the report folder into place", errno);
  check_replaceable(target);  // again: something may have appeared since the first look
  const fs::path aside = target.parent_path() / unpredictable_name(stem, "old");
  if (std::rename(target.c_str(), aside.c_str()) != 0) fail(target, "cannot move the earlier report folder aside", errno);
  if (std::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::rename(aside.c_str(), target.c_str());
    fail(target, "cannot rename the report folder into place", error);
  }
  std::error_code ec;
  fs::remove_all(aside, ec);  // never follows a symlink inside
  if (ec) {
    throw OutputError(fmt::format("{}: the new report is in place, but the earlier one could not be removed from {}: {}",
                                  target.string(), aside.string(), ec.message()));
  }
}

}  // namespace

BundleWriter::BundleWriter(const std::string& dir, std::string_view name)
    : out_(dir.empty() ? fs::path(".") : fs::path(dir)), stem_(reports::file_stem(name, "scenario")) {
  std::error_code ec;
  fs::create_directories(out_, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create folder: {}", out_.string(), ec.message()));
  target_ = out_ / stem_;
  check_replaceable(target_);
  temp_ = make_temporary_folder(out_, stem_);
}

BundleWriter::~BundleWriter() {
  if (committed_) return;
  std::error_code ec;
  fs::remove_all(temp_, ec);
}

void BundleWriter::write(const reports::ReportFile& file) {
  ORCHSIM_CHECK(!committed_, "report file '{}' written after its folder was committed", file.name);
  ORCHSIM_CHECK(!file.name.empty() && file.name[0] != '.' && file.name.find('/') == std::string::npos,
                "report file name '{}' is not one plain path component", file.name);
  write_new_file(temp_ / file.name, file.content);
}

std::string BundleWriter::commit() {
  ORCHSIM_CHECK(!committed_, "report folder {} committed twice", target_.string());
  sync_folder(temp_);
  install(temp_, target_, stem_);
  committed_ = true;
  sync_folder(out_);
  return target_.string();
}

std::string write_bundle(const std::string& dir, std::string_view name, const std::vector<reports::ReportFile>& files) {
  BundleWriter bundle(dir, name);
  for (const auto& f : files) bundle.write(f);
  return bundle.commit();
}

}  // namespace orchsim::cli
