#!/usr/bin/env python3
"""Strong-scaling model of `mpirun -np N orchsim compare|sweep` (README "Running on MPI"), from
measured costs: the wall time on N ranks is the serial part (every rank loads and plans the input;
rank 0 summarises and writes the reports) plus the larger of (a) the replications spread over N
ranks plus the last unit (the tail: a rank may start one just before the others finish) and (b)
rank 0's gather: per replication the bytes received and decoded, per unit one message each way.
Units are the dispenser's: clamp(R / (16 N), 1, 256) replications (cli/mpi/mpi_dispenser.cpp).

usage: mpi_model.py [--replications 20000] [--rep-ms 4.1] [--serial-s 0.15] [--bytes-per-rep 16300]
                    [--decode-us-per-rep 0.56] [--message-us 5] [--gbytes-per-s 10]
"""
import argparse


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--replications", type=int, default=20000, help="total, all strategies and points")
    ap.add_argument("--rep-ms", type=float, default=4.1, help="CPU ms per replication")
    ap.add_argument("--serial-s", type=float, default=0.15, help="load + plan + summaries + reports")
    ap.add_argument("--bytes-per-rep", type=float, default=16300)
    ap.add_argument("--decode-us-per-rep", type=float, default=0.56)
    ap.add_argument("--message-us", type=float, default=5.0, help="rank 0's cost per unit: probe, receive, send")
    ap.add_argument("--gbytes-per-s", type=float, default=10.0, help="network bandwidth into rank 0")
    a = ap.parse_args()
    work = a.replications * a.rep_ms / 1000
    t1 = a.serial_s + work
    print("| ranks | unit (reps) | compute per rank (s) | rank 0 gather (s) | wall (s) | speed-up | efficiency |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in (1, 2, 16, 64, 128, 256, 512, 1024):
        unit = min(256, max(1, a.replications // (16 * n)))
        units = -(-a.replications // unit)
        per_rank = work / n + (unit * a.rep_ms / 1000 if n > 1 else 0)
        gather = 0.0 if n == 1 else (a.replications * (a.decode_us_per_rep + a.bytes_per_rep / (a.gbytes_per_s * 1e3))
                                     + units * a.message_us) / 1e6
        wall = a.serial_s + max(per_rank, gather)
        print(f"| {n} | {unit} | {per_rank:.3f} | {gather:.3f} | {wall:.3f} | {t1 / wall:.1f} | {t1 / wall / n:.0%} |")


if __name__ == "__main__":
    main()
