"""Benchmark: due dates per second from the deadline engine (target: 1,000,000 in under 5 s).

Run with `make bench`. A realistic mix of case types; a fifth of the objections with a decision date,
some cases postponed, some with one or two suspensions. Results go to bench/results/deadlines.json.
"""

from __future__ import annotations

import json
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from casus.deadlines import RULES, Suspension, compute_deadline

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
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


def run_once(inputs: list[tuple]) -> float:
    began = time.perf_counter()
    for rule, received, kwargs in inputs:
        compute_deadline(rule, received, **kwargs)
    return time.perf_counter() - began


def main() -> None:
    inputs = make_inputs(N)
    timings = [run_once(inputs) for _ in range(RUNS)]
    median = statistics.median(timings)
    result = {
        "benchmark": "deadline_engine",
        "cases": N,
        "runs": RUNS,
        "seconds_median": round(median, 3),
        "seconds_best": round(min(timings), 3),
        "due_dates_per_second": round(N / median),
        "target": "1,000,000 due dates in under 5 s on one core",
        "met": N / median * 5 >= 1_000_000,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "date": date.today().isoformat(),
    }
    out = Path(__file__).parent / "results" / "deadlines.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
