// W2Workload: the DAG workload shared by the engine benchmarks and every peer (bench/peers):
// tasks with a duration, the attempts that fail and where, and their parents. The peers read it
// from one text file written by bench/peers/gen_dag.py; the Google Benchmark suites generate the
// same shape in process with orchsim's Rng. Failures are drawn once into the workload, so every
// implementation simulates exactly the same attempts and must print the same makespan.
//
// File format (whitespace separated, one task per line after the header):
//   w2 1
//   tasks T slots S max_retries R retry_delay_us D
//   <duration_us> <failed_attempts k> <fail_offset_us> x k <parents m> <parent id> x m
// Task ids are line numbers from 0; parents have smaller ids. Attempt i (1-based) of a task fails
// at offset fail_offset[i-1] into it when i <= k, else succeeds after duration_us; k = R + 1 means
// the task exhausts its retries. Plain values, no thread affinity.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "engine/job.h"
#include "engine/time.h"

namespace orchsim::bench {

struct W2Workload {
  std::uint32_t slots = 64;
  std::uint32_t max_retries = 3;
  Duration retry_delay = Duration::seconds(5);
  std::vector<Duration> duration;          // per task
  std::vector<std::uint32_t> fail_begin;   // CSR into fail_offset, size tasks + 1
  std::vector<Duration> fail_offset;       // where each failing attempt fails
  std::vector<std::uint32_t> parent_begin; // CSR into parents, size tasks + 1
  std::vector<std::uint32_t> parents;

  std::size_t size() const { return duration.size(); }
  std::uint32_t failed_attempts(std::uint32_t task) const { return fail_begin[task + 1] - fail_begin[task]; }
  std::span<const std::uint32_t> parents_of(std::uint32_t task) const {
    return {parents.data() + parent_begin[task], parents.data() + parent_begin[task + 1]};
  }
};

struct W2Shape {
  std::uint32_t tasks = 1000;
  double failure_probability = 0.0;  // per attempt
  std::uint64_t seed = 1;
  std::uint32_t layers = 16;
  std::uint32_t window = 4;  // parents lie within this many positions of the task's own
};

// A layered random DAG, the shape bench/peers/gen_dag.py writes, drawn from orchsim's Rng (stream
// "w2"): `layers` layers of ceil(tasks / layers) tasks; each task below the first has 1..3 distinct
// parents drawn among the tasks of the layer above within `window` positions of its own, so a final
// failure skips a bounded cone of descendants rather than the rest of the DAG. Durations uniform in
// [1 s, 60 s] in whole microseconds; each attempt fails with the given probability at a uniform
// point inside it, up to max_retries + 1 times.
W2Workload generate_w2(const W2Shape& shape);

// Reads the text format above. Throws InputError ("file:line: message") on malformed input.
W2Workload read_w2(const std::string& path);

// The workload as one engine job: task i keyed "t<i>", all on ComputeId(0), run_if ALL_SUCCESS,
// retries as the workload says. Throws InputError if the DAG is invalid.
JobSpec w2_job(const W2Workload& workload);

}  // namespace orchsim::bench
