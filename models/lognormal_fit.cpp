#include "models/lognormal_fit.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "engine/check.h"
#include "models/student_t.h"

namespace orchsim::models {

namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// KS distance of sorted `logs` from N(mean, sd²).
double ks_distance(const std::vector<double>& logs, double mean, double sd) {
  const double n = static_cast<double>(logs.size());
  double d = 0;
  for (std::size_t i = 0; i < logs.size(); ++i) {
    const double f = normal_cdf((logs[i] - mean) / sd);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

}  // namespace

Distribution LognormalFit::distribution() const {
  if (sigma <= 0) return Distribution::fixed(median);
  return Distribution::lognormal(median, std::exp(mu + kZ95 * sigma));
}

double lilliefors_p_value(double d, std::size_t n) {
  ORCHSIM_CHECK(n >= 5);
  // Dallal & Wilkinson (1986), "An analytic approximation to the distribution of Lilliefors's test
  // statistic for normality", with the constants and the n > 100 scaling of nortest::lillie.test.
  const double nn = static_cast<double>(n);
  const double kd = n <= 100 ? d : d * std::pow(nn / 100, 0.49);
  const double nd = n <= 100 ? nn : 100;
  double p = std::exp(-7.01256 * kd * kd * (nd + 2.78019) + 2.99587 * kd * std::sqrt(nd + 2.78019) - 0.122119 +
                      0.974598 / std::sqrt(nd) + 1.67997 / nd);
  if (p <= 0.1) return p;
  // Above 0.1 the approximation is poor; lillie.test switches to Stephens' (1974) modified statistic.
  const double k = (std::sqrt(nn) - 0.01 + 0.85 / std::sqrt(nn)) * d;
  if (k <= 0.302) return 1;
  if (k <= 0.5) p = 2.76773 - 19.828315 * k + 80.709644 * k * k - 138.55152 * k * k * k + 81.218052 * std::pow(k, 4);
  else if (k <= 0.9) p = -4.901232 + 40.662806 * k - 97.490286 * k * k + 94.029866 * k * k * k - 32.355711 * std::pow(k, 4);
  else if (k <= 1.31) p = 6.198765 - 19.558097 * k + 23.186922 * k * k - 12.234627 * k * k * k + 2.423045 * std::pow(k, 4);
  else p = 0;
  return std::clamp(p, 0.0, 1.0);
}

LognormalFit fit_lognormal(std::span<const double> values) {
  ORCHSIM_CHECK(!values.empty());
  std::vector<double> logs;
  logs.reserve(values.size());
  for (double v : values) {
    ORCHSIM_CHECK(v > 0);
    logs.push_back(std::log(v));
  }
  std::sort(logs.begin(), logs.end());
  LognormalFit f;
  f.n = logs.size();
  const double n = static_cast<double>(f.n);
  for (double l : logs) f.mu += l;
  f.mu /= n;
  double squares = 0;
  for (double l : logs) squares += (l - f.mu) * (l - f.mu);
  f.sigma = std::sqrt(squares / n);
  f.median = std::exp(f.mu);
  // The t interval of μ (the logs' sample standard deviation, n − 1 degrees of freedom): exact for
  // lognormal samples, where 1.96·σ̂/√n would cover 93% at n = 20.
  const double half = f.n < 2 ? 0 : student_t_quantile(0.95, f.n - 1) * std::sqrt(squares / (n - 1)) / std::sqrt(n);
  f.median_lo = std::exp(f.mu - half);
  f.median_hi = std::exp(f.mu + half);
  if (f.n >= 5 && f.sigma > 0) {
    // Lilliefors standardises with the sample standard deviation (divisor n - 1).
    f.ks_d = ks_distance(logs, f.mu, std::sqrt(squares / (n - 1)));
    f.ks_p = lilliefors_p_value(*f.ks_d, f.n);
  }
  return f;
}

}  // namespace orchsim::models
