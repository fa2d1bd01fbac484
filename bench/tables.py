"""The benchmark tables in docs/performance.md, written from bench/results/quick.json and full.json.

`update_document` replaces what stands between the bench markers; everything else in the document is
prose written by hand. `python bench/tables.py` rewrites the tables from the results files alone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
TITLES = {"full": "1,000,000 cases (`make bench-full`)", "quick": "100,000 cases (`make bench`)"}
MET = {True: "yes", False: "**no**", None: "–"}
# Scalar fields shown in the "more" column, in this order, with their labels.
MORE = {
    "queries": "queries", "requests_per_second": "req/s", "rps": "req/s", "errors": "errors", "cold_ms": "cold ms",
    "due_dates_per_second": "per s", "cpu_seconds_median": "CPU s", "rows_per_second": "rows/s",
    "seconds_first_import": "s", "ratio": "ratio", "gunicorn_cpu_ms_per_request": "server CPU ms/req",
    "non2xx": "non-2xx", "bytes": "bytes", "concurrency": "clients",
}  # fmt: skip


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _timed(m: Any) -> bool:
    return isinstance(m, dict) and "median_ms" in m


def _ms(m: dict[str, Any], key: str) -> str:
    return _number(m[key]) if key in m else ""


def _rows(results: dict[str, Any]) -> list[str]:
    rows = []
    for bench, result in results.items():
        if "error" in result:
            rows.append(f"| {bench} | (failed: {result['error'][:120]}) | | | |")
            continue
        for name, m in (result.get("measurements") or {}).items():
            if not isinstance(m, dict):
                continue
            # A measurement may hold sub-measurements (the API's single client and concurrent load).
            parts = [(f"{name} ({key.replace('_', ' ')})", sub) for key, sub in m.items() if _timed(sub)]
            for label, part in [(name, m)] if _timed(m) else parts:
                more = ", ".join(f"{label_} {_number(part[key])}" for key, label_ in MORE.items() if key in part)
                if "queries" in m and "queries" not in part and isinstance(m["queries"], int):
                    more = ", ".join(filter(None, [f"queries {m['queries']}", more]))
                rows.append(f"| {bench} | {label} | {_ms(part, 'median_ms')} | {_ms(part, 'p95_ms')} | {more} |")
            if not _timed(m) and not parts:
                more = ", ".join(f"{label_} {_number(m[key])}" for key, label_ in MORE.items() if key in m)
                rows.append(f"| {bench} | {name} | | | {more} |")
    return rows


def _provenance(report: dict[str, Any]) -> list[str]:
    """For a partial run (--only): which benchmark comes from which run."""
    if not report.get("partial"):
        return []
    runs = [
        f"{name} at `{result.get('commit', '?')}` ({result.get('finished_at', '?').replace('T', ' ')})"
        for name, result in report["results"].items()
    ]
    return ["", f"Partly re-run ({', '.join(report['partial'])}); each benchmark's run: " + "; ".join(runs) + "."]


def section(report: dict[str, Any]) -> str:
    pg, box = report["postgresql"], report["machine"]
    lines = [
        f"### {TITLES.get(report['scale'], report['scale'])}",
        "",
        f"Measured {report['finished_at'].replace('T', ' ')} (Amsterdam time) at commit `{report['commit']}` "
        f"on {box['cores']} cores "
        f"({box['cpu'] or 'unknown CPU'}), {box['memory_gib']} GiB, Python {box['python']}, PostgreSQL "
        f"{pg['version']} (shared_buffers {pg['shared_buffers']}, work_mem {pg['work_mem']}, jit {pg['jit']}); "
        f"load average {report['load_average_1_5_15_min']['before'][0]} before, "
        f"{report['load_average_1_5_15_min']['after'][0]} after. Data: {report['cases']:,} cases, "
        f"{pg['events']:,} timeline events, database {pg['database_size']}; median and p95 by nearest rank over "
        f"{report['repeats']} timed runs (web pages at least 100, Monitor variants 15; see How it is measured).",
        *_provenance(report),
        "",
        "| target | goal | measured | met | at |",
        "|---|---|---|---|---|",
        *[f"| {t['name']} | {t['goal']} | {t['measured']} | {MET[t['met']]} | {t['at']} |" for t in report["targets"]],
        "",
        "| benchmark | measurement | median ms | p95 ms | more |",
        "|---|---|---|---|---|",
        *_rows(report["results"]),
        "",
    ]
    return "\n".join(lines)


def render() -> str:
    parts = []
    for scale in ("full", "quick"):
        path = RESULTS_DIR / f"{scale}.json"
        if path.exists():
            parts.append(section(json.loads(path.read_text())))
    return "\n".join(parts) or "No benchmark has run yet: `make bench`.\n"


def update_document(doc: Path, begin: str, end: str) -> None:
    text = doc.read_text()
    if begin not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n## Benchmarks\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _old, tail = rest.split(end, 1)
    doc.write_text(f"{head}{begin}\n{render()}{end}{tail}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from bench.run import BEGIN, DOC, END

    update_document(DOC, BEGIN, END)
