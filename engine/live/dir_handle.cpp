#include "engine/live/dir_handle.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

namespace orchsim::live {

FdCloser::~FdCloser() {
  if (fd >= 0) ::close(fd);
}

std::string temp_name(const std::string& name) { return ".tmp-" + name; }

void write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw TableStoreError(fmt::format("{}: cannot write: {}", path.string(), std::strerror(errno)));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

DirHandle DirHandle::open_path(const std::filesystem::path& path, bool create) {
  if (create) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw TableStoreError(fmt::format("{}: cannot create the directory: {}", path.string(), ec.message()));
  }
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw TableStoreError(fmt::format("{}: cannot open the directory: {}", path.string(), std::strerror(errno)));
  return DirHandle(fd, path);
}

DirHandle::DirHandle(DirHandle&& o) noexcept : fd_(o.fd_), path_(std::move(o.path_)) { o.fd_ = -1; }

DirHandle& DirHandle::operator=(DirHandle&& o) noexcept {
  if (this != &o) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = o.fd_;
    path_ = std::move(o.path_);
    o.fd_ = -1;
  }
  return *this;
}

DirHandle::~DirHandle() {
  if (fd_ >= 0) ::close(fd_);
}

void DirHandle::fail(const std::string& name, const char* what, int err) const {
  throw TableStoreError(fmt::format("{}: {}: {}", (path_ / name).string(), what, std::strerror(err)));
}

DirHandle::EntryType DirHandle::type(const std::string& name) const {
  struct stat st {};
  if (::fstatat(fd_, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return EntryType::kMissing;
    fail(name, "cannot stat", errno);
  }
  if (S_ISDIR(st.st_mode)) return EntryType::kDirectory;
  if (S_ISREG(st.st_mode)) return EntryType::kFile;
  return EntryType::kOther;
}

std::optional<DirHandle> DirHandle::child(const std::string& name, bool create) const {
  // One path component only: "a/b" or ".." could leave the directory.
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    throw TableStoreError(fmt::format("{}: refused: '{}' is not a single file name", path_.string(), name));
  }
  EntryType t = type(name);
  if (t == EntryType::kMissing && create) {
    if (::mkdirat(fd_, name.c_str(), 0755) != 0 && errno != EEXIST) fail(name, "cannot create the directory", errno);
    sync();
    t = type(name);
  }
  if (t == EntryType::kMissing) return std::nullopt;
  if (t != EntryType::kDirectory) {
    throw TableStoreError(fmt::format("{}: refused: not a directory (a symlink or special file is never followed)",
                                      (path_ / name).string()));
  }
  const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) fail(name, "cannot open the directory", errno);
  return DirHandle(fd, path_ / name);
}

std::vector<std::string> DirHandle::list() const {
  const int fd = ::openat(fd_, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(".", "cannot list", errno);
  DIR* dir = ::fdopendir(fd);
  if (dir == nullptr) {
    const int err = errno;
    ::close(fd);
    fail(".", "cannot list", err);
  }
  std::vector<std::string> names;
  while (const dirent* e = ::readdir(dir)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") names.push_back(n);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

void DirHandle::read_chunks(const std::string& name, const std::function<void(std::string_view)>& sink) const {
  // O_NONBLOCK so that a FIFO planted in place of a file cannot hang the open; refused below.
  const int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) fail(name, errno == ELOOP ? "refused: a symlink is never followed" : "cannot open", errno);
  FdCloser guard{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) fail(name, "cannot stat", errno);
  if (!S_ISREG(st.st_mode)) {
    throw TableStoreError(fmt::format("{}: refused: not a regular file", (path_ / name).string()));
  }
  std::string buffer(1 << 16, '\0');
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail(name, "cannot read", errno);
    if (n == 0) break;
    sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
}

std::optional<std::string> DirHandle::read_file(const std::string& name) const {
  if (type(name) == EntryType::kMissing) return std::nullopt;
  std::string out;
  read_chunks(name, [&](std::string_view chunk) { out.append(chunk); });
  return out;
}

int DirHandle::open_rw(const std::string& name) const {
  const int fd = ::openat(fd_, name.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(name, "cannot open", errno);
  return fd;
}

int DirHandle::create_temp(const std::string& name) const {
  const std::string tmp = temp_name(name);
  const int fd = ::openat(fd_, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) fail(tmp, "cannot create", errno);
  return fd;
}

void DirHandle::commit_temp(const std::string& name) const { rename(temp_name(name), name); }

void DirHandle::rename(const std::string& from, const std::string& to) const {
  if (::renameat(fd_, from.c_str(), fd_, to.c_str()) != 0) fail(to, "cannot rename into place", errno);
}

void DirHandle::write_atomically(const std::string& name, std::string_view bytes) const {
  remove(temp_name(name));  // a leftover of a crash
  const int fd = create_temp(name);
  FdCloser guard{fd};
  write_all(fd, bytes, path_ / temp_name(name));
  if (::fsync(fd) != 0) fail(temp_name(name), "cannot fsync", errno);
  commit_temp(name);
  sync();
}

void DirHandle::remove(const std::string& name) const {
  if (::unlinkat(fd_, name.c_str(), 0) != 0 && errno != ENOENT) fail(name, "cannot remove", errno);
}

void DirHandle::sync() const {
  if (::fsync(fd_) != 0) fail(".", "cannot fsync the directory", errno);
}

}  // namespace orchsim::live
