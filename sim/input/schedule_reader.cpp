#include "sim/input/schedule_reader.h"

#include <fmt/format.h>

#include <string>

namespace orchsim::sim {
namespace {

std::optional<models::CronExpression> read_cron(YamlReader& r, const YamlNode& s) {
  const auto text = r.string(s, "cron");
  if (!text) return std::nullopt;
  models::CronParse parsed = models::parse_cron(*text);
  if (!parsed.cron) {
    r.error(YamlReader::child(s, "cron"), fmt::format("schedule.cron '{}': {}", *text, parsed.error));
    return std::nullopt;
  }
  const std::string zone = r.string(s, "timezone").value_or("UTC");
  const auto offset = models::parse_utc_offset(zone);
  if (!offset) {
    r.error(YamlReader::child(s, "timezone"),
            fmt::format("time zone '{}' is not supported: use UTC or a fixed offset like UTC+02:00 (orchsim has no "
                        "time-zone database, so no daylight saving time)", zone));
    return std::nullopt;
  }
  parsed.cron->utc_offset_s = *offset;
  parsed.cron->timezone = zone;
  return parsed.cron;
}

}  // namespace

std::optional<models::RunSchedule> read_schedule(YamlReader& r, const YamlNode& root) {
  const YamlNode s = YamlReader::child(root, "schedule");
  if (!s) return std::nullopt;
  if (!r.allow_keys(s, {"cron", "timezone", "every", "arrivals", "per_day", "deadline"})) return std::nullopt;
  const bool cron = static_cast<bool>(YamlReader::child(s, "cron"));
  const bool every = static_cast<bool>(YamlReader::child(s, "every"));
  const bool arrivals = static_cast<bool>(YamlReader::child(s, "arrivals"));
  if (int(cron) + int(every) + int(arrivals) != 1) {
    r.error(s, "a schedule has exactly one of 'cron' (with 'timezone'), 'every', or 'arrivals: poisson' (with "
               "'per_day')");
    return std::nullopt;
  }
  models::RunSchedule out;
  if (auto d = r.duration(s, "deadline")) out.deadline = *d;
  if (cron) {
    auto c = read_cron(r, s);
    if (!c) return std::nullopt;
    out.trigger = std::move(*c);
  } else if (every) {
    const auto d = r.duration(s, "every");
    if (!d) return std::nullopt;
    if (*d < Duration::seconds(1)) {
      r.error(YamlReader::child(s, "every"), "schedule.every must be at least 1s");
      return std::nullopt;
    }
    out.trigger = models::PeriodicSchedule{*d};
  } else {
    const auto kind = r.string(s, "arrivals");
    if (kind != "poisson") {
      r.error(YamlReader::child(s, "arrivals"), fmt::format("arrivals must be 'poisson', got '{}'", kind.value_or("")));
      return std::nullopt;
    }
    const auto per_day = r.number(s, "per_day", 1e-3, 86'400);
    if (!per_day) {
      if (!YamlReader::child(s, "per_day")) r.error(s, "arrivals: poisson needs 'per_day'");
      return std::nullopt;
    }
    out.trigger = models::PoissonArrivals{*per_day};
  }
  return out;
}

std::uint32_t read_horizon_replications(YamlReader& r, const YamlNode& root, std::uint32_t fallback) {
  const auto v = r.integer(root, "horizon_replications", 1, kMaxHorizonReplications);
  return v ? static_cast<std::uint32_t>(*v) : fallback;
}

}  // namespace orchsim::sim
