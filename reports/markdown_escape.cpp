#include "reports/markdown_escape.h"

namespace orchsim::reports {

std::string md_cell(std::string_view text) {
  std::string out;
  TextWriter writer(out);
  write_md_cell(writer, text);
  return out;
}

void write_md_cell(TextWriter& out, std::string_view text) {
  std::size_t plain = 0;
  for (std::size_t i = text.find_first_of("|\n"); i != std::string_view::npos; i = text.find_first_of("|\n", plain)) {
    out << text.substr(plain, i - plain) << (text[i] == '|' ? "\\|" : " ");
    plain = i + 1;
  }
  out << text.substr(plain);
}

}  // namespace orchsim::reports
