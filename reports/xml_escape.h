// The one escaping module for XML and HTML text: the SVG charts (reports/svg.h) and the HTML pages
// (reports/table.h, reports/html_report.h) escape through it. Pure.
#pragma once

#include <string>
#include <string_view>

#include "reports/text_writer.h"

namespace orchsim::reports {

// `text` with the five characters that XML 1.0 predefines entities for (§4.6) replaced: & < > " '
// become &amp; &lt; &gt; &quot; &apos;. Safe in element content and in attributes of either quote.
std::string xml_escape(std::string_view text);

// The same but for ', which HTML text and double-quoted attributes take as is: & < > " become
// &amp; &lt; &gt; &quot;.
std::string html_escape(std::string_view text);
// html_escape's text written into `out` (a page rendered in place, reports/text_writer.h).
void write_html_escaped(TextWriter& out, std::string_view text);

}  // namespace orchsim::reports
