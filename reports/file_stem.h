// File and folder names made from names a scenario chose (strategy and scenario names): the one
// rule, shared by the report bundle (reports/bundle.cpp: `gantt_<strategy>.svg`) and the CLI's
// bundle writer (cli/bundle_writer.h: the folder `DIR/<scenario>/`), so that a hostile name can
// never climb out of the output folder or name two outputs alike. Pure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace orchsim::reports {

// `name` as one safe path component: every byte outside [A-Za-z0-9_-] becomes '_' (so no '/', and
// never "." or ".."), cut to kMaxFileStem bytes (a file system takes 255; the writers add prefixes
// and suffixes). `fallback` when nothing is left, i.e. when `name` is empty.
inline constexpr std::size_t kMaxFileStem = 100;
std::string file_stem(std::string_view name, std::string_view fallback = "_");

// file_stem of each name, made distinct: a stem already given gets "-2", "-3", ... (the first
// free one), in the order of `names`, so the same names always give the same stems.
std::vector<std::string> unique_file_stems(const std::vector<std::string>& names);

}  // namespace orchsim::reports
