"""The Monitor's SVG charts: well-formed, named for screen readers, drawn to scale, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from casus.monitor import charts

SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    figure = ET.fromstring(markup)  # well-formed XML, or this raises
    assert figure.tag == "figure"
    svg = figure.find(f"{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert figure.find("figcaption").text == svg.find(f"{SVG}title").text
    return svg


def _bars(svg: ET.Element) -> list[ET.Element]:
    return [rect for rect in svg.iter(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]


def test_bar_chart_is_to_scale_with_a_description_and_no_links() -> None:
    markup = charts.bar_chart([("jan", 10), ("feb", 40), ("mrt", 0)], title="Ontvangen per maand")
    svg = _svg(markup)
    heights = [float(rect.get("height")) for rect in _bars(svg)]
    assert heights[1] == 4 * heights[0] and heights[2] == 0
    assert svg.find(f"{SVG}desc").text == "jan: 10; feb: 40; mrt: 0"
    assert list(svg.iter(f"{SVG}a")) == []  # an image holds no links: the table beside it has them


def test_labels_are_escaped_and_ids_unique() -> None:
    first = charts.bar_chart([("<script>", 1)], title="A & B")
    second = charts.bar_chart([("x", 1)], title="A & B")
    assert "<script>" not in first and "&lt;script&gt;" in first
    assert _svg(first).get("aria-labelledby") != _svg(second).get("aria-labelledby")


def test_stacked_bars_fill_to_their_shares_with_a_legend() -> None:
    keys = [
        ("within_6_weeks", "binnen 6 weken"),
        ("6_to_10_weeks", "6 tot 10 weken"),
        ("over_10_weeks", "meer dan 10 weken"),
    ]
    shares = {"within_6_weeks": 0.5, "6_to_10_weeks": 0.25, "over_10_weeks": 0.25}
    svg = _svg(charts.stacked_bar_chart([("jan", shares)], keys=keys, title="Doorlooptijd"))
    heights = [float(rect.get("height")) for rect in _bars(svg)]
    assert heights[0] == 2 * heights[1] == 2 * heights[2]
    assert "jan: binnen 6 weken 50%, 6 tot 10 weken 25%, meer dan 10 weken 25%" in svg.find(f"{SVG}desc").text
    legend = [t.text for t in svg.iter(f"{SVG}text")]
    assert {"binnen 6 weken", "6 tot 10 weken", "meer dan 10 weken"} <= set(legend)


def test_horizontal_shares_with_annotations() -> None:
    svg = _svg(charts.hbar_chart([("boetes", 1.0, "N=3"), ("levensonderhoud", 0.0, "N=7"), ("leeg", None, "N=0")],
                                 title="Gegrond per onderwerp"))  # fmt: skip
    widths = [float(rect.get("width")) for rect in _bars(svg)]
    assert widths[0] > 0 and widths[1] == widths[2] == 0
    assert svg.find(f"{SVG}desc").text == "boetes: 100% N=3; levensonderhoud: 0% N=7; leeg: – N=0"


def test_trend_line_follows_the_slope_and_keeps_gaps() -> None:
    svg = _svg(charts.trend_chart({"2020": 100, "2021": 90, "2023": 70}, -10.0, title="Ontvangen per jaar"))
    (line,) = [el for el in svg.iter(f"{SVG}line") if el.get("stroke") == charts.LINE]
    assert float(line.get("y2")) > float(line.get("y1"))  # falling: lower on the page at the end
    xs = [float(rect.get("x")) for rect in _bars(svg)]
    assert round(xs[2] - xs[1], 1) == round(2 * (xs[1] - xs[0]), 1)  # 2022 keeps its empty slot
    assert svg.find(f"{SVG}desc").text == "2020: 100; 2021: 90; 2023: 70. Trendlijn: -10 per jaar."
    single = _svg(charts.trend_chart({"2020": 5}, None, title="Eén jaar"))
    assert [el for el in single.iter(f"{SVG}line") if el.get("stroke") == charts.LINE] == []


def test_dutch_numbers() -> None:
    assert charts.number(1234) == "1.234" and charts.number(2.5) == "2,5" and charts.number(None) == "–"
    assert charts.percent(0.7412) == "74%" and charts.percent(None) == "–"


def test_value_axis_has_round_steps() -> None:
    assert [charts._ticks(v) for v in (0, 3, 7, 26, 61, 120)] == [(1, 1), (3, 1), (8, 2), (30, 10), (80, 20), (150, 50)]
    svg = _svg(charts.bar_chart([("a", 26)], title="As"))
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels == ["0", "10", "20", "30"]
