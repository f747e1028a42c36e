// DirHandle: an open directory through which the file-backed table store does every file
// operation (openat/renameat/unlinkat), so that a symlink planted inside the store or a staging
// directory is refused rather than followed outside it, and so that a directory can be fsynced
// after a rename. Errors throw TableStoreError naming the path and the OS's reason. Move-only;
// used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace orchsim::live {

// A table store that cannot be read or written: I/O error, corrupt log, unsafe path.
class TableStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class DirHandle {
 public:
  // Opens `path` (which may itself be reached through symlinks: the user chose it); creates it
  // first, with its parents, when `create`.
  static DirHandle open_path(const std::filesystem::path& path, bool create);

  DirHandle() = default;
  DirHandle(DirHandle&& o) noexcept;
  DirHandle& operator=(DirHandle&& o) noexcept;
  DirHandle(const DirHandle&) = delete;
  DirHandle& operator=(const DirHandle&) = delete;
  ~DirHandle();

  const std::filesystem::path& path() const { return path_; }
  bool is_open() const { return fd_ >= 0; }

  enum class EntryType : std::uint8_t { kMissing, kDirectory, kFile, kOther };
  // What `name` is, without following a symlink (a symlink is kOther).
  EntryType type(const std::string& name) const;
  // The child directory `name`; a symlink or other non-directory is refused. With `create` a
  // missing one is made (and this directory fsynced); without, a missing one gives nullopt.
  std::optional<DirHandle> child(const std::string& name, bool create) const;
  // Entry names, sorted, without "." and "..".
  std::vector<std::string> list() const;
  // The content of the regular file `name`, or nullopt when it does not exist.
  std::optional<std::string> read_file(const std::string& name) const;
  // Streams the regular file `name` to `sink` in chunks; refuses symlinks and special files.
  void read_chunks(const std::string& name, const std::function<void(std::string_view)>& sink) const;

  // Durably replaces `name` with `bytes`: a temporary ".tmp-<name>", fsync, rename, fsync of
  // this directory. Readers see the old file or the new one, never a part.
  void write_atomically(const std::string& name, std::string_view bytes) const;
  // Opens (creating it if missing) the regular file `name` for reading and writing; returns the fd.
  int open_rw(const std::string& name) const;
  // Creates ".tmp-<name>" exclusively for writing (refusing a planted file or symlink); returns the fd.
  int create_temp(const std::string& name) const;
  // Renames ".tmp-<name>" to `name`, replacing it.
  void commit_temp(const std::string& name) const;
  // Renames `from` to `to` within this directory, replacing `to`.
  void rename(const std::string& from, const std::string& to) const;
  void remove(const std::string& name) const;  // a missing file is fine
  void sync() const;

 private:
  DirHandle(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  [[noreturn]] void fail(const std::string& name, const char* what, int err) const;
  int fd_ = -1;
  std::filesystem::path path_;
};

// Closes a file descriptor at the end of its scope.
struct FdCloser {
  int fd;
  ~FdCloser();
};

// Writes all of `bytes` to `fd`; throws TableStoreError (naming `path`) on failure.
void write_all(int fd, std::string_view bytes, const std::filesystem::path& path);

// The name of the temporary file that stands for `name` until it is renamed into place.
std::string temp_name(const std::string& name);

}  // namespace orchsim::live
