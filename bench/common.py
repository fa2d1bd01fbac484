"""What the benchmarks share: the context `bench/run.py` hands to each of them, and how a series of
timings becomes the figures in bench/results/latest.json (median and p95, in milliseconds).

Each benchmark module has `run(ctx: BenchContext) -> dict`, called with Django set up and its default
connection pointing at the benchmark database (ctx.database, filled by bench/datagen.py). It returns
{"measurements": {name: {...}}, "targets": [target(...), ...]} plus anything else worth keeping.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
PLANS_DIR = RESULTS_DIR / "plans"


@dataclass(frozen=True)
class BenchContext:
    scale: str  # "quick" (make bench) or "full" (make bench-full)
    cases: int
    events_per_case: int
    database: str  # the benchmark database's name on the server of DATABASE_URL
    database_url: str  # postgres://… of that database, for processes of their own (gunicorn)
    repeats: int  # how many times each request or report is timed
    period: tuple[date, date] = (date(2025, 1, 1), date(2025, 12, 31))  # "one year" for the Monitor
    load_seconds: int = 10  # how long each concurrent-load run lasts
    concurrency: int = 16  # clients of the load generator
    results_dir: Path = RESULTS_DIR
    plans_dir: Path = PLANS_DIR
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def quick(self) -> bool:
        return self.scale == "quick"


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0–100) by the nearest-rank method: a value that was measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(seconds: Iterable[float], **more: Any) -> dict[str, Any]:
    """Median, p95 and maximum in milliseconds of a series of timings in seconds."""
    values = list(seconds)
    return {
        "runs": len(values),
        "median_ms": round(statistics.median(values) * 1000, 2),
        "p95_ms": round(percentile(values, 95) * 1000, 2),
        "max_ms": round(max(values) * 1000, 2),
        **more,
    }


def target(name: str, goal: str, measured: str, met: bool | None, *, at: str = "") -> dict[str, Any]:
    """One line of the targets table: what, the goal ("p95 < 50 ms"), the measured figure, whether it is
    met (None: not applicable at this scale), and the scale it was measured at."""
    return {"name": name, "goal": goal, "measured": measured, "met": met, "at": at}
