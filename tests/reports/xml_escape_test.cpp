// xml_escape against XML 1.0 (fifth edition) §4.6, the five predefined entities: &lt; &gt; &amp;
// &apos; &quot;; html_escape: the same but for the apostrophe, which HTML text and double-quoted
// attribute values may hold as is (HTML Living Standard §13.1.2.3, §13.1.3).
#include <doctest/doctest.h>

#include "reports/xml_escape.h"

using orchsim::reports::html_escape;
using orchsim::reports::xml_escape;

TEST_SUITE("reports.xml_escape") {
  TEST_CASE("the five predefined entities") {
    CHECK(xml_escape("") == "");
    CHECK(xml_escape("plain — text") == "plain — text");
    CHECK(xml_escape("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    CHECK(xml_escape("&amp;") == "&amp;amp;");  // no entity is left alone: text is text
  }

  TEST_CASE("html_escape leaves the apostrophe") {
    CHECK(html_escape("<b>Tom & Jerry's \"show\"</b>") == "&lt;b&gt;Tom &amp; Jerry's &quot;show&quot;&lt;/b&gt;");
  }
}
