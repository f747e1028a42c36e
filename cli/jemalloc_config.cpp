// jemalloc's options for the orchsim executable, read by jemalloc when it starts (its `malloc_conf`
// symbol; the MALLOC_CONF environment variable still overrides them). Freed pages go back to the
// kernel at once (dirty and muzzy decay 0) rather than over 10 s: a compare frees the input's text
// and YAML tree, then each replication's state, and pages freed by one size class are not reused
// by another, so pages held for reuse add to the peak RSS (1e5 tasks: 249 -> 221 MB; 1e6: 2.23 ->
// 2.05 GB) for no measurable CPU time (bench/RESULTS.md). Linked only with jemalloc.
extern "C" {
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables): the name and type jemalloc reads
const char* malloc_conf = "dirty_decay_ms:0,muzzy_decay_ms:0";
}
