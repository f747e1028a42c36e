// The benchmark binary's entry point; suites live in the other bench/*.cpp files.
#include <benchmark/benchmark.h>

BENCHMARK_MAIN();
