#include "reports/svg.h"

#include <array>

#include <fmt/format.h>

#include "reports/xml_escape.h"

namespace orchsim::reports {

const char* series_colour(std::size_t index) {
  static constexpr std::array<const char*, 8> kOkabeIto{"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                        "#56B4E9", "#D55E00", "#999933", "#000000"};
  return kOkabeIto[index % kOkabeIto.size()];
}

Svg::Svg(double width, double height, std::string_view title) : width_(width), height_(height) {
  body_ += fmt::format("<title>{}</title>\n", xml_escape(title));
  body_ += fmt::format("<rect x=\"0\" y=\"0\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#ffffff\"/>\n", width, height);
}

void Svg::rect(double x, double y, double w, double h, std::string_view style) {
  body_ += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" {}/>\n", x, y, w, h, style);
}

void Svg::line(double x1, double y1, double x2, double y2, std::string_view style) {
  body_ += fmt::format("<line x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\" {}/>\n", x1, y1, x2, y2, style);
}

void Svg::circle(double cx, double cy, double r, std::string_view style) {
  body_ += fmt::format("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\" {}/>\n", cx, cy, r, style);
}

void Svg::polyline(std::string_view points, std::string_view style) {
  body_ += fmt::format("<polyline points=\"{}\" {}/>\n", points, style);
}

void Svg::text(double x, double y, std::string_view content, std::string_view anchor, double size,
               std::string_view style) {
  body_ += fmt::format("<text x=\"{:.2f}\" y=\"{:.2f}\" text-anchor=\"{}\" font-size=\"{:g}\" {}>{}</text>\n", x, y,
                       anchor, size, style, xml_escape(content));
}

void Svg::raw(std::string_view markup) { body_ += markup; }

std::string Svg::str() const {
  return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
                     "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"Helvetica, Arial, sans-serif\">\n{2}</svg>\n",
                     width_, height_, body_);
}

}  // namespace orchsim::reports
