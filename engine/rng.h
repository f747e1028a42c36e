// Rng: a fixed, portable pseudo-random generator (xoshiro256**) with named streams.
// Each subsystem draws from its own stream derived from (seed, replication, stream name), so adding
// a draw in one subsystem never shifts another's numbers. Draws that must not depend on the order
// events happen in (a task attempt's own failure, retry jitter) take a child stream keyed by
// integers (`derive(key)` with `stable_mix`), so the same (replication, task, attempt) draws the
// same numbers under every strategy. The basic draws below are implemented
// here, not with std::*_distribution, whose output differs between standard libraries; richer
// distributions live in models/distributions. Not thread-safe: one Rng per replication and stream.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace orchsim {

class Rng {
 public:
  // The stream named `stream` of replication `replication` under the experiment seed `seed`.
  Rng(std::uint64_t seed, std::uint64_t replication, std::string_view stream);
  // A raw stream from one 64-bit key (tests, sub-streams).
  explicit Rng(std::uint64_t key);

  std::uint64_t next_u64();
  // Uniform in [0, 1) with 53 random bits.
  double uniform01();
  // Uniform in [lo, hi).
  double uniform(double lo, double hi);
  // Uniform integer in [0, n); n > 0. Unbiased (Lemire's method with rejection).
  std::uint64_t below(std::uint64_t n);
  // True with probability p (p <= 0: never, p >= 1: always).
  bool bernoulli(double p);
  // Exponential with the given rate (> 0), by inversion.
  double exponential(double rate);
  // Standard normal, by the Marsaglia polar method (no cached spare: stateless between calls).
  double normal();

  // A child stream: deterministic in (this stream's key, name), independent of draws made so far.
  Rng derive(std::string_view name) const;
  // A child stream keyed by an integer (counter-based: a pure function of this stream's key and
  // `key`, independent of draws made so far). Build `key` from several fields with stable_mix.
  Rng derive(std::uint64_t key) const;

 private:
  std::uint64_t key_;
  std::array<std::uint64_t, 4> s_;
};

// 64-bit FNV-1a of a string, then mixed; stable across platforms.
std::uint64_t stable_hash(std::string_view text);

// Combines two 64-bit keys into one (splitmix64 of a ^ b·odd constant); order matters.
std::uint64_t stable_mix(std::uint64_t a, std::uint64_t b);

}  // namespace orchsim
