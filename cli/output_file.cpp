#include "cli/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include <fmt/format.h>

#include "cli/output_error.h"

namespace orchsim::cli {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const fs::path& path, std::string_view what, int error) {
  throw OutputError(fmt::format("{}: {}: {}", path.string(), what, std::strerror(error)));
}

// Writes all of `content` to `fd` and fsyncs it; returns 0 or the errno of the first failure.
int write_and_sync(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t n = ::write(fd, content.data(), content.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    content.remove_prefix(static_cast<std::size_t>(n));
  }
  return ::fsync(fd) == 0 ? 0 : errno;
}

// Opens `path` for writing, creating it; fails if anything (even a dangling symlink) is there.
int open_exclusively(const fs::path& path) {
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
}

// Writes and closes `fd`, opened on `path`; on failure removes `path` and throws.
void fill(int fd, const fs::path& path, std::string_view content) {
  int error = write_and_sync(fd, content);
  if (::close(fd) != 0 && error == 0) error = errno;
  if (error != 0) {
    ::unlink(path.c_str());
    fail(path, "cannot write", error);
  }
}

}  // namespace

std::string unpredictable_name(std::string_view stem, std::string_view suffix) {
  std::random_device device;  // the OS's entropy: an attacker cannot predict the name
  const std::uint64_t bits = (std::uint64_t{device()} << 32) ^ device();
  return fmt::format(".{}.{:016x}.{}", stem.substr(0, 64), bits, suffix);
}

std::string what_is_at(const fs::path& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return "";
    fail(path, "cannot inspect", errno);
  }
  if (S_ISLNK(st.st_mode)) return "a symlink";
  if (S_ISDIR(st.st_mode)) return "a folder";
  if (S_ISREG(st.st_mode)) return "a regular file";
  return "something other than a file or folder";
}

void sync_folder(const fs::path& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

void write_new_file(const fs::path& path, std::string_view content) {
  const int fd = open_exclusively(path);
  if (fd < 0) fail(path, "cannot create", errno);
  fill(fd, path, content);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw OutputError(fmt::format("{}: cannot create folder: {}", folder.string(), ec.message()));
  const std::string there = what_is_at(target);
  if (!there.empty() && there != "a regular file") {
    throw OutputError(fmt::format("{}: is {}; refusing to replace it (only a regular file is replaced)", path, there));
  }
  fs::path temp;
  int fd = -1;
  for (int attempt = 0; fd < 0; ++attempt) {  // a clash of 64 random bits is all but impossible
    temp = folder / unpredictable_name(target.filename().string(), "tmp");
    fd = open_exclusively(temp);
    if (fd < 0 && (errno != EEXIST || attempt == 8)) fail(temp, "cannot create", errno);
  }
  fill(fd, temp, content);
  // rename() replaces the name `target` itself: a symlink planted since the check is replaced, not followed.
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    const int error = errno;
    ::unlink(temp.c_str());
    fail(target, "cannot replace", error);
  }
  sync_folder(folder);
}

}  // namespace orchsim::cli
