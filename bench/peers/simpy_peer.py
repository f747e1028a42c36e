#!/usr/bin/python3
"""The SimPy peer of bench/peers/compare.sh, for Debian's python3-simpy (SimPy 2.3, classic API:
the `SimPy` package, processes that `yield hold/request/release`).

  simpy_peer.py w2 FILE          the DAG workload (file format: bench/w2_workload.h)
  simpy_peer.py w1 N HOLDS SEED  the hold model: N processes each holding Exp(1) until HOLDS holds

W2 is written the way SimPy is meant to be used: one process per ready task, the S slots as one
FIFO Resource, attempts and retry waits as holds. Times are integer microseconds (exact in
floats), so the makespan matches the C++ peers digit for digit. Semantics: bare_loop_peer.cpp.
Prints one line of key=value pairs, like every peer.
"""
import random
import sys
import time

from SimPy.Simulation import Process, Resource, Simulation, hold, release, request


def read_w2(path):
    with open(path) as f:
        header = f.readline().split()
        if header != ["w2", "1"]:
            sys.exit(f"{path}: not a w2 file")
        p = f.readline().split()
        n, slots, retries, delay = int(p[1]), int(p[3]), int(p[5]), int(p[7])
        duration, fails, children, pending = [], [], [[] for _ in range(n)], []
        for i in range(n):
            v = list(map(int, f.readline().split()))
            k = v[1]
            duration.append(v[0])
            fails.append(v[2:2 + k])
            parents = v[3 + k:]
            pending.append(len(parents))
            for q in parents:
                children[q].append(i)  # in id order: tasks come in id order
    return n, slots, retries, delay, duration, fails, children, pending


class W2(Simulation):
    def __init__(self, workload):
        Simulation.__init__(self)
        (self.n, slots, self.retries, self.delay, self.duration, self.fails, self.children,
         self.pending) = workload
        self.slots = Resource(capacity=slots, sim=self)
        self.bad = [False] * self.n
        self.last_settle = 0
        self.started = self.retried = self.succeeded = self.failed = 0

    def ready(self, t):
        task = Process(sim=self)
        self.activate(task, self.life(task, t))

    def settle(self, task, ok):
        stack = [(task, ok)]
        while stack:
            t, good = stack.pop()
            self.last_settle = self.now()
            for c in self.children[t]:
                if not good:
                    self.bad[c] = True
                self.pending[c] -= 1
                if self.pending[c] == 0:
                    if self.bad[c]:
                        stack.append((c, False))
                    else:
                        self.ready(c)

    def life(self, proc, t):
        failing = self.fails[t]
        attempt = 0
        while True:
            attempt += 1
            dispatched = self.now()
            yield request, proc, self.slots
            self.started += 1
            fails = attempt <= len(failing)
            yield hold, proc, failing[attempt - 1] if fails else self.duration[t]
            yield release, proc, self.slots
            if not fails:
                self.succeeded += 1
                self.settle(t, True)
                return
            if attempt > self.retries:
                self.failed += 1
                self.settle(t, False)
                return
            self.retried += 1
            yield hold, proc, max(0, dispatched + self.delay - self.now())


def run_w2(path):
    sim = W2(read_w2(path))
    t0, c0 = time.perf_counter(), time.process_time()
    for t in range(sim.n):
        if sim.pending[t] == 0:
            sim.ready(t)
    sim.simulate(until=float("inf"))
    run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    secs, micros = divmod(int(sim.last_settle), 1_000_000)
    print(f"impl=simpy workload=w2 tasks={sim.n} makespan={secs}.{micros:06d} attempts={sim.started} "
          f"succeeded={sim.succeeded} failed={sim.failed} events={sim.started + sim.retried} run_s={run_s:.6f} cpu_s={cpu_s:.6f}")


def run_w1(n, holds, seed):
    sim = Simulation()
    rng = random.Random(seed)
    state = {"left": holds, "done": 0}

    def holder(proc):
        yield hold, proc, rng.expovariate(1.0)
        while state["left"] > 0:
            state["left"] -= 1
            state["done"] += 1
            yield hold, proc, rng.expovariate(1.0)

    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(n):
        p = Process(sim=sim)
        sim.activate(p, holder(p))
    sim.simulate(until=float("inf"))
    run_s, cpu_s = time.perf_counter() - t0, time.process_time() - c0
    print(f"impl=simpy workload=w1 pending={n} holds={state['done']} events={state['done'] + n} "
          f"end_time={sim.now():.6f} run_s={run_s:.6f} cpu_s={cpu_s:.6f}")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "w2":
        run_w2(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "w1":
        run_w1(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit("usage: simpy_peer.py w2 FILE | simpy_peer.py w1 N HOLDS SEED")


if __name__ == "__main__":
    main()
