#include "reports/xml_escape.h"

namespace orchsim::reports {

namespace {

std::string escape(std::string_view text, bool apostrophe) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'':
        if (apostrophe) out += "&apos;";
        else out += c;
        break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string xml_escape(std::string_view text) { return escape(text, true); }

std::string html_escape(std::string_view text) { return escape(text, false); }

}  // namespace orchsim::reports
