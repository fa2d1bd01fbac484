"""Benchmark: due dates per second from the deadline engine (target: 1,000,000 in under 5 s).

Part of `make bench` (bench/run.py calls `run(ctx)`; no database needed). A realistic mix of case types;
a fifth of the objections with a decision date, some cases postponed, some with one or two suspensions.
On its own: python bench/bench_deadlines.py [N].
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta

from casus.deadlines import RULES, Suspension, compute_deadline

N = int(sys.argv[1]) if __name__ == "__main__" and len(sys.argv) > 1 else 1_000_000
RUNS = 3
MIX = {"vraag": 30, "terugbelverzoek": 15, "klacht": 20, "bezwaar": 15, "aanvraag": 10, "woo": 5, "beroep": 5}


def make_inputs(n: int, seed: int = 20261123) -> list[tuple]:
    rng = random.Random(seed)
    codes = rng.choices(list(MIX), weights=list(MIX.values()), k=n)
    start = date(2020, 1, 1)
    inputs = []
    for code in codes:
        rule = RULES[code]
        received = start + timedelta(days=rng.randrange(0, 7 * 365))
        kwargs: dict = {}
        if code == "bezwaar" and rng.random() < 0.8:
            kwargs["decision_sent"] = received - timedelta(days=rng.randrange(1, 50))
        if rule.postponement and rng.random() < 0.1:
            kwargs["postponed"] = True
        if rng.random() < 0.1:
            begin = received + timedelta(days=rng.randrange(1, 20))
            kwargs["suspensions"] = [Suspension(begin, begin + timedelta(days=rng.randrange(1, 21)))]
        inputs.append((rule, received, kwargs))
    return inputs


def run_once(inputs: list[tuple]) -> tuple[float, float]:
    """Wall seconds and CPU seconds of this process (one thread: what one idle core would take)."""
    began, cpu = time.perf_counter(), time.process_time()
    for rule, received, kwargs in inputs:
        compute_deadline(rule, received, **kwargs)
    return time.perf_counter() - began, time.process_time() - cpu


def run(ctx: object = None, n: int = N) -> dict:
    """Due dates per second over n cases, RUNS times; the target is for a million on one core."""
    inputs = make_inputs(n)
    timings = [run_once(inputs) for _ in range(RUNS)]
    wall = statistics.median(t[0] for t in timings)
    cpu = statistics.median(t[1] for t in timings)
    per_second = round(n / cpu)
    return {
        "cases": n,
        "measurements": {
            "compute_deadline": {
                "runs": RUNS,
                "seconds_median": round(wall, 3),
                "cpu_seconds_median": round(cpu, 3),
                "due_dates_per_second": per_second,
            }
        },
        "targets": [
            {
                "name": "Deadline engine: 1,000,000 due dates on one core (CPU time, so the load does not count)",
                "goal": "< 5 s",
                "measured": f"{cpu * 1_000_000 / n:.2f} s ({per_second:,} per second; wall {wall:.2f} s)",
                "met": n / cpu * 5 >= 1_000_000,
                "at": f"{n:,} due dates",
            }
        ],
        "python": platform.python_version(),
        "date": date.today().isoformat(),
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2))
