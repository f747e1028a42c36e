#include "cli/history_profile.h"

#include <ostream>

#include <fmt/format.h>

#include "reports/profile_yaml_writer.h"
#include "sim/input/profile_loader.h"

namespace orchsim::cli {

FittedProfile apply_fitted_profile(std::span<const models::JobRunRecord> runs, const std::vector<std::string>& sources,
                                   const models::FitOptions& fit_options, const std::string& bundle,
                                   sim::InputOptions& input) {
  sim::Profile user = input.profile_path.empty() ? sim::Profile{} : sim::load_profile(input.profile_path);
  sim::InputOptions first = input;
  first.profile = user;
  const sim::LoadedInput job = sim::load_input(bundle, first);
  std::vector<std::string> keys;
  for (const auto& t : job.scenario->workload.tasks) keys.push_back(t.key);

  FittedProfile out{.fit = models::fit_history(runs, fit_options), .yaml = {}};
  models::match_task_keys(out.fit, keys);
  out.yaml = reports::profile_yaml(out.fit, sources);
  sim::Profile fitted = sim::parse_profile(out.yaml, "the profile fitted to the history");
  fitted.tasks.insert(fitted.tasks.end(), user.tasks.begin(), user.tasks.end());
  fitted.startups.insert(fitted.startups.begin(), user.startups.begin(), user.startups.end());
  user.tasks = std::move(fitted.tasks);
  user.startups = std::move(fitted.startups);
  if (user.file.empty()) user.file = fitted.file;
  input.profile = std::move(user);
  return out;
}

void print_fit_summary(const models::HistoryFit& fit, std::ostream& err) {
  std::size_t in_job = 0;
  for (const auto& t : fit.tasks) in_job += t.in_job ? 1 : 0;
  err << fmt::format("fitted {} runs of job '{}': {} task keys, {} computes\n", fit.runs, fit.job, in_job,
                     fit.computes.size());
  for (const std::string& note : fit.notes) err << "  note: " << note << "\n";
}

}  // namespace orchsim::cli
