// Svg: a minimal SVG 1.1 document builder for the charts (escapes text, fixed number formatting so
// output is byte-stable), and the palette every chart shares. A writer's helper; pure.
#pragma once

#include <string>
#include <string_view>

namespace orchsim::reports {

class Svg {
 public:
  Svg(double width, double height, std::string_view title);

  void rect(double x, double y, double w, double h, std::string_view style);
  void line(double x1, double y1, double x2, double y2, std::string_view style);
  void circle(double cx, double cy, double r, std::string_view style);
  void polyline(std::string_view points, std::string_view style);
  // anchor: start | middle | end
  void text(double x, double y, std::string_view content, std::string_view anchor = "start", double size = 12,
            std::string_view style = "");
  // Verbatim markup (definitions, groups); the caller escapes.
  void raw(std::string_view markup);

  std::string str() const;

 private:
  double width_;
  double height_;
  std::string body_;
};

// A colour per series (strategy), stable by index: Okabe–Ito (colour-blind-safe), with its yellow
// swapped for olive, which reads on white.
const char* series_colour(std::size_t index);

}  // namespace orchsim::reports
