#include "models/run_schedule.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <vector>

#include "models/civil_date.h"

namespace orchsim::models {
namespace {

constexpr std::int64_t kDay = 86'400;

struct FieldSpec {
  const char* name;
  int min;
  int max;
  std::array<const char*, 12> names;  // value min + i; empty for numeric-only fields
};

constexpr std::array<FieldSpec, 7> kFields{{
    {"seconds", 0, 59, {}},
    {"minutes", 0, 59, {}},
    {"hours", 0, 23, {}},
    {"day-of-month", 1, 31, {}},
    {"month", 1, 12, {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
    {"day-of-week", 1, 7, {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
    {"year", 1970, 2099, {}},
}};

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  return out;
}

// One value of a field: a number in range or a name; else the error.
std::optional<int> field_value(const FieldSpec& f, std::string_view token, std::string& error) {
  int v = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec == std::errc() && end == token.data() + token.size()) {
    if (v >= f.min && v <= f.max) return v;
    error = fmt::format("{} value {} is out of range {}-{}", f.name, v, f.min, f.max);
    return std::nullopt;
  }
  const std::string name = upper(token);
  for (std::size_t i = 0; i < f.names.size() && f.names[i] != nullptr; ++i) {
    if (name == f.names[i]) return f.min + static_cast<int>(i);
  }
  for (const char* special : {"L", "W", "LW", "#"}) {
    if (name.find(special) != std::string::npos) {
      error = fmt::format("'{}' in the {} field is not supported (orchsim supports numbers, *, ?, lists, ranges, "
                          "steps and names; not L, W or #)", token, f.name);
      return std::nullopt;
    }
  }
  error = fmt::format("'{}' is not a valid {} value", token, f.name);
  return std::nullopt;
}

// One list element: `*`, `a`, `a-b`, each optionally `/step`; sets bit (value - min) in `bits`.
bool parse_part(const FieldSpec& f, std::string_view part, std::vector<bool>& bits, std::string& error) {
  if (part.find('#') != std::string_view::npos) {
    error = fmt::format("'{}' in the {} field is not supported (# means the nth weekday of the month)", part, f.name);
    return false;
  }
  int step = 1;
  if (const auto slash = part.find('/'); slash != std::string_view::npos) {
    const std::string_view s = part.substr(slash + 1);
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), step);
    if (ec != std::errc() || end != s.data() + s.size() || step < 1) {
      error = fmt::format("the step '{}' in the {} field must be a whole number of at least 1", s, f.name);
      return false;
    }
    part = part.substr(0, slash);
  }
  int lo = f.min;
  int hi = f.max;
  if (part != "*") {
    const auto dash = part.find('-');
    const auto a = field_value(f, part.substr(0, dash), error);
    if (!a) return false;
    lo = *a;
    hi = step > 1 ? f.max : lo;  // Quartz: "5/15" runs from 5 to the field's end
    if (dash != std::string_view::npos) {
      const auto b = field_value(f, part.substr(dash + 1), error);
      if (!b) return false;
      if (*b < lo) {
        error = fmt::format("the range '{}' in the {} field runs backwards", part, f.name);
        return false;
      }
      hi = *b;
    }
  }
  for (int v = lo; v <= hi; v += step) bits[static_cast<std::size_t>(v - f.min)] = true;
  return true;
}

// A whole field (a comma list) into bits indexed by value - min.
std::optional<std::vector<bool>> parse_field(const FieldSpec& f, std::string_view text, std::string& error) {
  std::vector<bool> bits(static_cast<std::size_t>(f.max - f.min + 1), false);
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    if (!parse_part(f, text.substr(begin, comma - begin), bits, error)) return std::nullopt;
    begin = comma + 1;
  }
  return bits;
}

template <std::size_t N>
void copy_bits(const std::vector<bool>& from, std::bitset<N>& to, int offset) {
  for (std::size_t i = 0; i < from.size(); ++i) to[i + static_cast<std::size_t>(offset)] = from[i];
}

bool day_matches(const CronExpression& c, std::int64_t days) {
  const CivilDate civil = civil_from_days(days);
  const std::int64_t y = civil.year - 1970;
  if (y < 0 || y >= 130 || !c.years[static_cast<std::size_t>(y)] || !c.months[civil.month]) return false;
  const auto weekday = static_cast<std::size_t>(((days % 7) + 11) % 7 + 1);  // 1970-01-01: Thursday (5)
  return (c.any_day_of_month || c.days_of_month[civil.day]) && (c.any_day_of_week || c.days_of_week[weekday]);
}

// The first second of the day at or after `from` (seconds of the day) that the expression allows.
std::optional<std::int64_t> first_second_of_day(const CronExpression& c, std::int64_t from) {
  const std::int64_t h0 = from / 3600;
  const std::int64_t m0 = from / 60 % 60;
  const std::int64_t s0 = from % 60;
  for (std::int64_t h = h0; h < 24; ++h) {
    if (!c.hours[static_cast<std::size_t>(h)]) continue;
    for (std::int64_t m = h == h0 ? m0 : 0; m < 60; ++m) {
      if (!c.minutes[static_cast<std::size_t>(m)]) continue;
      for (std::int64_t s = h == h0 && m == m0 ? s0 : 0; s < 60; ++s) {
        if (c.seconds[static_cast<std::size_t>(s)]) return h * 3600 + m * 60 + s;
      }
    }
  }
  return std::nullopt;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

CronParse parse_cron(std::string_view text) {
  std::vector<std::string_view> fields;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) fields.push_back(text.substr(start, i - start));
  }
  if (fields.size() != 6 && fields.size() != 7) {
    return {std::nullopt, fmt::format("a Quartz cron expression has 6 or 7 fields (seconds minutes hours "
                                      "day-of-month month day-of-week [year]), got {}", fields.size())};
  }
  const bool dom_any = fields[3] == "?";
  const bool dow_any = fields[5] == "?";
  if (dom_any == dow_any) {
    return {std::nullopt, "exactly one of day-of-month and day-of-week must be '?' (Quartz does not support both)"};
  }
  CronExpression c;
  c.text = std::string(text);
  c.any_day_of_month = dom_any || fields[3] == "*";
  c.any_day_of_week = dow_any || fields[5] == "*";
  CronParse out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if ((i == 3 && dom_any) || (i == 5 && dow_any)) continue;
    if (fields[i] == "?") return {std::nullopt, "'?' is allowed only in day-of-month or day-of-week"};
    const auto bits = parse_field(kFields[i], fields[i], out.error);
    if (!bits) return out;
    switch (i) {
      case 0: copy_bits(*bits, c.seconds, 0); break;
      case 1: copy_bits(*bits, c.minutes, 0); break;
      case 2: copy_bits(*bits, c.hours, 0); break;
      case 3: copy_bits(*bits, c.days_of_month, 1); break;
      case 4: copy_bits(*bits, c.months, 1); break;
      case 5: copy_bits(*bits, c.days_of_week, 1); break;
      default: copy_bits(*bits, c.years, 0); break;
    }
  }
  if (fields.size() == 6) c.years.set();
  out.cron = std::move(c);
  return out;
}

std::optional<std::int32_t> parse_utc_offset(std::string_view zone) {
  for (std::string_view utc : {"UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT", "Etc/Zulu", "Zulu"}) {
    if (zone == utc) return 0;
  }
  if (zone.starts_with("UTC") || zone.starts_with("GMT")) zone.remove_prefix(3);
  if (zone.size() < 2 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  const int sign = zone[0] == '-' ? -1 : 1;
  zone.remove_prefix(1);
  int hours = 0;
  int minutes = 0;
  const char* end = zone.data() + zone.size();
  auto [p, ec] = std::from_chars(zone.data(), end, hours);
  if (ec != std::errc() || p - zone.data() > 2) return std::nullopt;
  if (p != end) {
    if (*p == ':') ++p;
    const auto [q, ec2] = std::from_chars(p, end, minutes);
    if (ec2 != std::errc() || q != end || q - p != 2) return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  return sign * (hours * 3600 + minutes * 60);
}

std::optional<SimTime> next_fire(const CronExpression& cron, SimTime from, SimTime until) {
  // Local wall-clock seconds since 1970, rounded up to a whole second.
  const std::int64_t from_s = floor_div(from.since_start().micros() + 999'999, 1'000'000);
  const std::int64_t local = from_s + kScheduleEpoch + cron.utc_offset_s;
  const std::int64_t last_day = floor_div(until.since_start().micros() / 1'000'000 + kScheduleEpoch +
                                              cron.utc_offset_s, kDay);
  for (std::int64_t day = floor_div(local, kDay); day <= last_day; ++day) {
    if (!day_matches(cron, day)) continue;
    const std::int64_t start = day == floor_div(local, kDay) ? local - day * kDay : 0;
    const auto second = first_second_of_day(cron, start);
    if (!second) continue;
    const std::int64_t sim_s = day * kDay + *second - kScheduleEpoch - cron.utc_offset_s;
    const SimTime at = SimTime::zero() + Duration::seconds(sim_s);
    return at < until ? std::optional<SimTime>(at) : std::nullopt;
  }
  return std::nullopt;
}

std::string RunSchedule::describe() const {
  if (const auto* c = std::get_if<CronExpression>(&trigger)) return fmt::format("cron `{}` ({})", c->text, c->timezone);
  if (const auto* p = std::get_if<PeriodicSchedule>(&trigger)) return fmt::format("every {}", p->every);
  return fmt::format("Poisson arrivals, {:g} per day", std::get<PoissonArrivals>(trigger).per_day);
}

double RunSchedule::runs_per_day(Duration horizon) const {
  const double days = horizon.to_hours() / 24;
  if (const auto* p = std::get_if<PeriodicSchedule>(&trigger)) {
    return static_cast<double>((horizon.micros() + p->every.micros() - 1) / p->every.micros()) / days;
  }
  if (const auto* c = std::get_if<CronExpression>(&trigger)) {
    const SimTime until = SimTime::zero() + horizon;
    std::uint64_t n = 0;
    for (auto t = next_fire(*c, SimTime::zero(), until); t; t = next_fire(*c, *t + Duration::seconds(1), until)) ++n;
    return static_cast<double>(n) / days;
  }
  return std::get<PoissonArrivals>(trigger).per_day;
}

}  // namespace orchsim::models
