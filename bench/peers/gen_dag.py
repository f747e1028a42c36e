#!/usr/bin/env python3
"""Writes a W2 DAG workload file (format: bench/w2_workload.h) for bench/peers/compare.sh.

A layered random DAG: LAYERS layers of ceil(T / LAYERS) tasks; each task below the first layer has
1..3 distinct parents drawn uniformly among the tasks of the layer above within WINDOW positions of
its own (a final failure then skips a bounded cone of descendants, not the whole rest of the DAG). Durations are uniform in [1 s, 60 s] in whole microseconds. Each
attempt fails with probability P at a uniform point inside it; the draws are written into the file,
so every peer simulates the same attempts. The same shape as generate_w2() in bench/w2_workload.cpp
(drawn from Python's generator instead of orchsim's Rng).

usage: gen_dag.py --tasks T --p P [--seed S] [--layers 16] [--window 4] [--slots 64] [--retries 3] [--delay-us 5000000] OUT
"""
import argparse
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tasks", type=int, required=True)
    ap.add_argument("--p", type=float, default=0.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--layers", type=int, default=16)
    ap.add_argument("--window", type=int, default=4)
    ap.add_argument("--slots", type=int, default=64)
    ap.add_argument("--retries", type=int, default=3)
    ap.add_argument("--delay-us", type=int, default=5_000_000)
    ap.add_argument("out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    width = -(-a.tasks // a.layers)
    lines = ["w2 1", f"tasks {a.tasks} slots {a.slots} max_retries {a.retries} retry_delay_us {a.delay_us}"]
    for i in range(a.tasks):
        d = rng.randint(1_000_000, 60_000_000)
        fails = []
        while len(fails) <= a.retries and rng.random() < a.p:
            fails.append(rng.randint(1, d - 1))
        layer, pos = divmod(i, width)
        parents = []
        if layer > 0:
            first = (layer - 1) * width
            lo, hi = max(0, pos - a.window), min(width - 1, pos + a.window)
            parents = sorted(rng.sample(range(first + lo, first + hi + 1), min(rng.randint(1, 3), hi - lo + 1)))
        lines.append(" ".join(map(str, [d, len(fails), *fails, len(parents), *parents])))
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
