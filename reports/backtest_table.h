// The backtest's table (`orchsim backtest`): per figure the simulated and recorded value with their
// 95% intervals and sample sizes, and the verdict — as Markdown for stdout and as CSV for `--out`.
// Reads models::BacktestFigure only. Pure; any thread.
#pragma once

#include <string>
#include <vector>

#include "models/backtest.h"

namespace orchsim::reports {

std::string backtest_markdown(const std::vector<models::BacktestFigure>& figures);
// Header: figure,simulated,simulated_lo,simulated_hi,simulated_n,recorded,recorded_lo,recorded_hi,recorded_n,verdict
std::string backtest_csv(const std::vector<models::BacktestFigure>& figures);

}  // namespace orchsim::reports
