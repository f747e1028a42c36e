// Writing output files safely, for every command that writes one (cli/cli.cpp, cli/validate.cpp,
// cli/bundle_writer.cpp). A failure throws OutputError (cli/output_error.h) naming the path and the
// OS's reason, and leaves no temporary file behind. Any thread, as long as two calls do not write
// the same path at once.
//
// Nothing is ever written through a symlink: temporary files get an unpredictable name and are
// created exclusively (O_EXCL | O_NOFOLLOW), so a link planted at a guessable name cannot redirect
// the write; and only a regular file is ever replaced.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace orchsim::cli {

// Writes `content` to a fresh temporary file in `path`'s folder, fsyncs it and renames it over
// `path`, so that a crash or a full disk never leaves a half-written output. Creates missing parent
// folders. Refuses (OutputError) when `path` exists and is not a regular file: a symlink, a folder,
// a device.
void write_file_atomically(const std::string& path, std::string_view content);

// Creates `path` exclusively (it must not exist, not even as a symlink), writes `content` and fsyncs.
void write_new_file(const std::filesystem::path& path, std::string_view content);

// `.<stem>.<16 random hex digits>.<suffix>`: a name in an output folder nobody can guess in advance,
// hidden, and never equal to a sanitised output name (those never start with '.').
std::string unpredictable_name(std::string_view stem, std::string_view suffix);

// fsyncs a folder, so that the renames done in it survive a crash. Best effort: some file systems
// cannot sync a folder, and the files themselves are already synced.
void sync_folder(const std::filesystem::path& folder);

// What is at `path` without following a symlink: "a symlink", "a folder", "a regular file",
// "something other than a file or folder", or "" when nothing is there. Throws OutputError when it
// cannot tell (e.g. permission denied).
std::string what_is_at(const std::filesystem::path& path);

}  // namespace orchsim::cli
