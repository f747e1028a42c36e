// TextWriter and render_sized: a renderer run counting gives the exact size of what it writes, so
// the buffer of a large report file is reserved once (reports/text_writer.h).
#include <doctest/doctest.h>

#include <string>

#include "reports/text_writer.h"

using namespace orchsim::reports;

namespace {

// 5 + 1 + 7 ("x=3.25;" with {:.2f}) + 3 ("±" is two bytes in UTF-8, then "1") + 40 = 56 bytes.
void render(TextWriter& out) {
  out << "hello" << ' ';
  out.format("x={:.2f};", 3.25);
  out << "±1" << std::string(40, '.');
}

}  // namespace

TEST_SUITE("reports.text_writer") {
  TEST_CASE("counting and writing give the same size") {
    TextWriter counter;
    render(counter);
    CHECK(counter.size() == 56);
    std::string text = "> ";
    TextWriter writer(text);
    render(writer);
    CHECK(writer.size() == 56);
    CHECK(text == "> hello x=3.25;±1" + std::string(40, '.'));
  }

  TEST_CASE("render_sized writes the text once into a buffer of that size") {
    const std::string text = render_sized(render);
    CHECK(text == "hello x=3.25;±1" + std::string(40, '.'));
    // Grown by appends, the string would have doubled from its 15 inline bytes to 30, then 60;
    // reserved from empty, libstdc++ allocates what is asked (from twice the inline 15 up).
    CHECK(text.capacity() == 56);
  }
}
