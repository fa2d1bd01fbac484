"""The Monitor's charts as inline SVG, drawn on the server.

No JavaScript and no network: the same markup renders in the browser and in WeasyPrint's PDF. Every
chart is a `<figure>` whose `<svg role="img">` is named by its `<title>` and described by a `<desc>`
with the numbers in words; the page that shows a chart also shows the same numbers as a table (the
accessible alternative is the caller's job), and that table carries the links to the cases: a chart is
one image (role="img") and holds no links, which would be interactive content inside an image.
Colours are fill attributes (not CSS) so the PDF renderer sees them, and meet WCAG's 3:1 contrast for
graphics against white.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 240
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 22
MARGIN_BOTTOM = 40
BAR = "#1f5fa8"  # blue
LINE = "#b3261e"  # red, the trend line
GRID = "#c9ced6"
TEXT = "#1b1b1b"
# Stacked segments: green (quick) → amber → red (slow); shades chosen for 3:1 against white.
STACK = ["#2e7d32", "#b06000", "#b3261e", "#5b4b8a", "#00695c"]
FONT = 'font-family="Noto Sans, DejaVu Sans, Arial, sans-serif"'

_ids = itertools.count(1)


def percent(value: float | None) -> str:
    """0.7412 → '74%' (Dutch style: no space, no decimals); None → '–'."""
    return "–" if value is None else f"{round(value * 100):d}%"


def number(value: float | None) -> str:
    """Dutch number: 1234 → '1.234', 2.5 → '2,5'; None → '–'."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _nice_max(value: float) -> float:
    """A round top for the axis: a whole number of round steps (1, 2 or 5 × 10^n, at least 1) with
    three to five steps, e.g. 26 → 30 (steps of 10), 61 → 80 (20), 120 → 150 (50)."""
    return _ticks(value)[0]


def _ticks(value: float) -> tuple[float, float]:
    """(top, step) of the value axis; see _nice_max."""
    if value <= 0:
        return 1, 1
    rough = value / 4
    magnitude = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return math.ceil(value / step) * step, step


def _figure(title: str, desc: str, body: str, height: int = HEIGHT, width: int = WIDTH) -> SafeString:
    ident = f"casus-chart-{next(_ids)}"
    return mark_safe(  # every text part is escaped
        f'<figure class="casus-chart">'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-labelledby="{ident}-t {ident}-d" {FONT} font-size="11" fill="{TEXT}" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ident}-t">{escape(title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
        f"{body}</svg><figcaption>{escape(title)}</figcaption></figure>"
    )


def _rect(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    """A bar with its value as a tooltip."""
    box = f'x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}"'
    return f'<rect {box} fill="{fill}"><title>{escape(tip)}</title></rect>'


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}">{escape(text)}</text>'


def _axis(top: float, plot_h: float, plot_w: float, fmt: Callable[[float], str], step: float | None = None) -> str:
    """Horizontal grid lines with labels at every step (by default every quarter) up to the top."""
    step = step or top / 4
    parts = []
    for i in range(round(top / step) + 1):
        value = step * i
        y = MARGIN_TOP + plot_h - plot_h * value / top
        parts.append(
            f'<line x1="{MARGIN_LEFT}" y1="{y:.1f}" x2="{MARGIN_LEFT + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>'
            + _text(MARGIN_LEFT - 6, y + 4, fmt(value), "end")
        )
    return "".join(parts)


def _label(x: float, text: str) -> str:
    """An x-axis label; with many bars only every n-th one, so they never overlap."""
    y = HEIGHT - MARGIN_BOTTOM + 16
    return f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(text)}</text>'


def _every(count: int) -> int:
    return max(1, -(-count // 14))  # at most 14 labels


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    title: str,
    value_format: Callable[[float], str] = number,
) -> SafeString:
    """Vertical bars, one per item (label, value), the value above each bar when there is room."""
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    top, step = _ticks(max((v for _, v in items), default=0))
    slot = plot_w / max(len(items), 1)
    bar_w = max(2.0, slot * 0.7)
    parts = [_axis(top, plot_h, plot_w, value_format, step)]
    every = _every(len(items))
    for i, (label, value) in enumerate(items):
        h = plot_h * (value / top) if top else 0
        x = MARGIN_LEFT + slot * i + (slot - bar_w) / 2
        y = MARGIN_TOP + plot_h - h
        text = f"{label}: {value_format(value)}"
        parts.append(_rect(x, y, bar_w, h, BAR, text))
        if len(items) <= 24:
            parts.append(_text(x + bar_w / 2, y - 4, value_format(value), "middle"))
        if i % every == 0:
            parts.append(_label(x + bar_w / 2, label))
    desc = "; ".join(f"{label}: {value_format(value)}" for label, value in items) or "Geen gegevens"
    return _figure(title, desc, "".join(parts))


def stacked_bar_chart(
    rows: Sequence[tuple[str, dict[str, float | None]]], *, keys: Sequence[tuple[str, str]], title: str
) -> SafeString:
    """One 100% bar per row (label, {key: share}), segments in the order of `keys`, with a legend."""
    legend_h = 22
    height = HEIGHT + legend_h
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = plot_w / max(len(rows), 1)
    bar_w = max(2.0, slot * 0.7)
    parts = [_axis(1.0, plot_h, plot_w, percent)]
    every = _every(len(rows))
    for i, (label, shares) in enumerate(rows):
        x = MARGIN_LEFT + slot * i + (slot - bar_w) / 2
        bottom = MARGIN_TOP + plot_h
        for k, (key, name) in enumerate(keys):
            value = shares.get(key) or 0
            h = plot_h * value
            bottom -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{bottom:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{STACK[k % len(STACK)]}"><title>{escape(f"{label}, {name}: {percent(value)}")}</title></rect>'
            )
        if i % every == 0:
            parts.append(_label(x + bar_w / 2, label))
    x = MARGIN_LEFT
    for k, (_key, name) in enumerate(keys):
        y = HEIGHT + 4
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{STACK[k % len(STACK)]}"/>'
            f'<text x="{x + 16}" y="{y + 10}">{escape(name)}</text>'
        )
        x += 24 + 7 * len(name)
    desc = (
        "; ".join(
            f"{label}: " + ", ".join(f"{name} {percent(shares.get(key))}" for key, name in keys)
            for label, shares in rows
        )
        or "Geen gegevens."
    )
    return _figure(title, desc, "".join(parts), height=height)


def hbar_chart(items: Sequence[tuple[str, float | None, str]], *, title: str) -> SafeString:
    """Horizontal bars for shares (label, share 0–1, annotation such as 'N=7'), one row per item."""
    row_h, label_w, right = 24, 210, 90
    height = max(row_h * len(items), row_h) + 16
    plot_w = WIDTH - label_w - right
    parts = [f'<line x1="{label_w}" y1="4" x2="{label_w}" y2="{height - 8}" stroke="{GRID}"/>']
    for i, (label, value, note) in enumerate(items):
        y = 8 + row_h * i
        w = plot_w * (value or 0)
        text = f"{label}: {percent(value)} ({note})" if note else f"{label}: {percent(value)}"
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end">{escape(short)}</text>')
        parts.append(_rect(label_w, y + 2, w, row_h - 8, BAR, text))
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 13}">{escape(percent(value))} {escape(note)}</text>')
    desc = "; ".join(f"{label}: {percent(value)} {note}".strip() for label, value, note in items) or "Geen gegevens."
    return _figure(title, desc, "".join(parts), height=height)


def trend_chart(by_year: dict[str, int], slope: float | None, *, title: str) -> SafeString:
    """Bars per year with the least-squares line through them (the slope is per year). A year missing
    from the data keeps its slot on the axis, without a bar, so the line's steepness stays true."""
    points = sorted((int(year), n) for year, n in by_year.items())
    plot_w, plot_h = WIDTH - MARGIN_LEFT - MARGIN_RIGHT, HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    first = points[0][0] if points else 0
    slots = points[-1][0] - first + 1 if points else 1
    mean_x = sum(x for x, _ in points) / len(points) if points else 0
    mean_y = sum(n for _, n in points) / len(points) if points else 0
    line = slope is not None and len(points) >= 2
    ends = [mean_y + slope * (x - mean_x) for x in (points[0][0], points[-1][0])] if line else []
    top, step = _ticks(max([n for _, n in points] + ends, default=0))
    slot = plot_w / slots
    bar_w = slot * 0.6
    parts, labels = [_axis(top, plot_h, plot_w, number, step)], []
    for year, n in points:
        h = plot_h * n / top
        x = MARGIN_LEFT + slot * (year - first) + (slot - bar_w) / 2
        y = MARGIN_TOP + plot_h - h
        parts.append(_rect(x, y, bar_w, h, BAR, f"{year}: {number(n)}"))
        # The count sits inside the foot of its bar (white on blue), away from the trend line that runs
        # near the bar tops; above the bar only when the bar is too short to hold it.
        inside = h >= 20
        value = _text(x + bar_w / 2, MARGIN_TOP + plot_h - 7 if inside else y - 4, number(n), "middle")
        labels += [
            value.replace("<text ", '<text fill="#ffffff" ', 1) if inside else value,
            _label(x + bar_w / 2, str(year)),
        ]
    if line:
        x1 = MARGIN_LEFT + slot * (points[0][0] - first + 0.5)
        x2 = MARGIN_LEFT + slot * (points[-1][0] - first + 0.5)
        y1, y2 = (MARGIN_TOP + plot_h - plot_h * max(e, 0) / top for e in ends)
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{LINE}" stroke-width="2.5" '
            f'stroke-dasharray="6 4"/>'
        )
    counts = "; ".join(f"{year}: {number(n)}" for year, n in points) or "Geen gegevens"
    trend = f" Trendlijn: {number(round(slope, 1))} per jaar." if line else ""
    return _figure(title, counts + "." + trend, "".join(parts + labels))
