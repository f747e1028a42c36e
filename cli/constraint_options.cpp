#include "cli/constraint_options.h"

#include <fmt/format.h>

#include "engine/parse_number.h"
#include "sim/input/scenario_loader.h"

namespace orchsim::cli {

namespace po = boost::program_options;

void add_constraint_options(po::options_description& options, ConstraintOptions& o) {
  options.add_options()
      ("deadline", po::value(&o.deadline),
       "pick the cheapest strategy whose P95 makespan is at most this duration (e.g. 45m, 1h30m, 90s), shown "
       "beside the weighted recommendation")
      ("budget", po::value(&o.budget),
       "… and whose mean cost per successful run (cost_per_success_usd) is at most this many USD (e.g. 3.50)")
      ("value-of-time", po::value(&o.value_of_time),
       "USD per minute of mean makespan added to the cost per successful run when ranking (e.g. 0.50)");
}

namespace {

double money(const std::string& text, const char* option, bool zero_allowed) {
  const std::optional<double> v = parse_number(text);
  if (!v || *v < 0 || (!zero_allowed && *v == 0)) {
    throw po::error(fmt::format("--{} must be a plain number of USD {} 0 (e.g. 3.50), got '{}'", option,
                                zero_allowed ? ">=" : ">", text));
  }
  return *v;
}

}  // namespace

reports::Constraints parse_constraints(const po::variables_map& vm, const ConstraintOptions& o) {
  reports::Constraints c;
  if (vm.count("deadline")) {
    const std::optional<Duration> d = sim::parse_duration(o.deadline);
    if (!d || d->micros() <= 0 || *d > sim::kMaxDuration) {
      throw po::error(fmt::format("--deadline must be a duration above 0 and at most {}, like 45m, 1h30m or 90s, "
                                  "got '{}'", sim::kMaxDurationText, o.deadline));
    }
    c.deadline_min = static_cast<double>(d->micros()) / 60e6;
  }
  if (vm.count("budget")) c.budget_usd = money(o.budget, "budget", false);
  if (vm.count("value-of-time")) c.value_of_time = money(o.value_of_time, "value-of-time", true);
  return c;
}

}  // namespace orchsim::cli
