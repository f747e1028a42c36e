#include "reports/xml_escape.h"

namespace orchsim::reports {

namespace {

// Runs of characters that need no entity are written at once.
void escape(TextWriter& out, std::string_view text, bool apostrophe) {
  const std::string_view special = apostrophe ? "&<>\"'" : "&<>\"";
  std::size_t plain = 0;
  for (std::size_t i = text.find_first_of(special); i != std::string_view::npos;
       i = text.find_first_of(special, plain)) {
    out << text.substr(plain, i - plain);
    switch (text[i]) {
      case '&': out << "&amp;"; break;
      case '<': out << "&lt;"; break;
      case '>': out << "&gt;"; break;
      case '"': out << "&quot;"; break;
      default: out << "&apos;"; break;
    }
    plain = i + 1;
  }
  out << text.substr(plain);
}

std::string escaped(std::string_view text, bool apostrophe) {
  std::string out;
  TextWriter writer(out);
  escape(writer, text, apostrophe);
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) { return escaped(text, true); }

std::string html_escape(std::string_view text) { return escaped(text, false); }

void write_html_escaped(TextWriter& out, std::string_view text) { escape(out, text, false); }

}  // namespace orchsim::reports
