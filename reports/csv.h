// Tidy CSVs of an experiment, all with stable columns documented in README.md ("Outputs"):
// - replications.csv: one row per (strategy, replication), a column per metric of the catalog;
// - summary.csv: one row per (strategy, metric): n, mean, 95% interval, quantiles with intervals;
// - task_costs.csv / cluster_costs.csv: mean attributed cost per (strategy, task) and per
//   (strategy, cluster);
// - model_checks.csv: each analytic expectation next to the simulated value (sim/experiment/model_check.h).
// Numbers have fixed precision, so the files are byte-identical for the same seed and inputs.
// Fields are escaped by reports/csv_escape.h. Writers only: they read an ExperimentResult.
#pragma once

#include <string>

#include "sim/experiment/experiment_result.h"

namespace orchsim::reports {

std::string replication_csv(const sim::ExperimentResult& result);
std::string summary_csv(const sim::ExperimentResult& result);
std::string task_cost_csv(const sim::ExperimentResult& result);
std::string cluster_cost_csv(const sim::ExperimentResult& result);
// model_checks.csv: one row per (strategy, analytic check), see sim/experiment/model_check.h.
std::string model_check_csv(const sim::ExperimentResult& result);

}  // namespace orchsim::reports
