"""The Monitor's exports (casus.monitor.exports): the XLSX sheets and cells against the figures, the flat
CSV, the PDF report with its sentences, and that no resident data reaches any of them.

The fixture, period 2025, all in Gemeente Almere (lead time = closed − received in days):

    case  type     received    subject         team    resident     closed      outcome                days
    k1    klacht   2025-01-10  energietoeslag  Werk    Zwanhilde    2025-02-01  gegrond                22
    k2    klacht   2025-02-05  boete           Beheer  Zwanhilde    2025-04-17  ongegrond              71
    k3    klacht   2025-03-01  boete           Beheer  -            (open)
    k4    klacht   2024-12-01  boete           Werk    -            2025-01-12  informeel_afgehandeld  42
    k5    klacht   2024-03-01  boete           Werk    -            (open; only in the trend)
    b1    bezwaar  2025-05-01  energietoeslag  Werk    Zwanhilde    (open)

Complaints 2025: received cohort k1–k3, closed cohort k1, k2, k4; the case list is k1–k4.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import openpyxl
import pytest

from casus.cases import services
from casus.monitor import exports, figures
from casus.monitor.exports import pdf as pdf_export
from casus.monitor.figures import Filters
from tests import factories

pytestmark = pytest.mark.django_db

KLACHT_2025 = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31), case_type="klacht")
ALL_2025 = Filters(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
# A resident nobody could mistake for a category or a team: none of this may appear in an export.
SECRETS = ["Zwanhilde", "Quackenbosch", "111222333", "Ruisvoornlaan", "1357XZ", "06-98765432", "buurman Kees"]
SHEETS = [
    "Samenvatting", "Instroom", "Onderwerpen", "Kanalen", "Aard", "Teams", "Herhaalde indieners", "Uitkomsten",
    "Gegrond per onderwerp", "Doorlooptijd", "Trend", "Vragen", "Beroep", "Zaken",
]  # fmt: skip


def _case(case_type: str, received: date, subject: str, team: str, **extra: Any) -> Any:
    return factories.register(
        case_type, received, subject=factories.subject(subject), team=factories.team(team), **extra
    )


@pytest.fixture
def cases(db: None) -> dict[str, Any]:
    zwanhilde = factories.resident(
        given_name="Zwanhilde", surname="Quackenbosch", bsn="111222333", street="Ruisvoornlaan",
        postcode="1357XZ", phone="06-98765432",
    )  # fmt: skip
    made = {
        "k1": _case("klacht", date(2025, 1, 10), "energietoeslag", "Werk", resident=zwanhilde,
                    description="Zwanhilde Quackenbosch klaagt over buurman Kees",
                    nature=factories.nature("duurt lang")),
        "k2": _case("klacht", date(2025, 2, 5), "boete", "Beheer", resident=zwanhilde, channel="post"),
        "k3": _case("klacht", date(2025, 3, 1), "boete", "Beheer"),
        "k4": _case("klacht", date(2024, 12, 1), "boete", "Werk"),
        "k5": _case("klacht", date(2024, 3, 1), "boete", "Werk"),
        "b1": _case("bezwaar", date(2025, 5, 1), "energietoeslag", "Werk", resident=zwanhilde),
    }  # fmt: skip
    services.case_close(case=made["k1"], actor=None, outcome="gegrond", closed_on=date(2025, 2, 1),
                        closing_text="Excuses aan Zwanhilde Quackenbosch")  # fmt: skip
    services.case_close(case=made["k2"], actor=None, outcome="ongegrond", closed_on=date(2025, 4, 17))
    services.case_close(case=made["k4"], actor=None, outcome="informeel_afgehandeld", closed_on=date(2025, 1, 12))
    return made


def workbook(f: Filters = KLACHT_2025) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(f)))


def rows(ws: Any) -> list[tuple[Any, ...]]:
    return [tuple(cell for cell in row) for row in ws.iter_rows(values_only=True)]


def labelled(ws: Any, label: str) -> Any:
    """The cell right of the first cell that reads `label`."""
    for row in ws.iter_rows():
        if row[0].value == label:
            return row[1]
    raise AssertionError(f"{label!r} not on sheet {ws.title}")


def grid(ws: Any, header: str) -> dict[Any, tuple[Any, ...]]:
    """The table under the header row that starts with `header`: first column → the other columns."""
    found, table = False, {}
    for row in rows(ws):
        if found and not row[0]:
            break
        if found:
            table[row[0]] = row[1:]
        found = found or row[0] == header
    assert found, f"no table {header!r} on sheet {ws.title}"
    return table


def pdf_text(content: bytes) -> tuple[str, int]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), len(reader.pages)


# --- XLSX -----------------------------------------------------------------------------------------


def test_the_workbook_has_a_summary_a_sheet_per_figure_and_the_cases(cases: dict[str, Any]) -> None:
    assert workbook().sheetnames == SHEETS
    assert all(len(name) <= 31 for name in SHEETS)


def test_figure_sheets_hold_the_figures(cases: dict[str, Any]) -> None:
    data = figures.full_report(KLACHT_2025)
    wb = workbook()
    intake = wb["Instroom"]
    assert labelled(intake, "Ontvangen in de periode").value == data["received"]["total"] == 3
    months = {row[0]: row[1] for row in rows(intake) if isinstance(row[0], str) and row[0].startswith("2025-")}
    assert months == data["received"]["by_month"]
    assert months["2025-02"] == 1 and months["2025-04"] == 0

    assert grid(wb["Onderwerpen"], "Onderwerp") == {"boete": (2, 0.6667), "energietoeslag": (1, 0.3333)}
    share_cell = next(row[2] for row in wb["Onderwerpen"].iter_rows() if row[0].value == "boete")
    assert share_cell.number_format == "0.0%"  # an Excel percentage, not text

    lead = wb["Doorlooptijd"]
    assert labelled(lead, "Mediaan (dagen)").value == data["lead_time"]["median_days"] == 42
    assert labelled(lead, "Binnen 6 weken").value == pytest.approx(0.6667)
    assert grid(wb["Uitkomsten"], "Uitkomst") == {
        "Gegrond": (1, 0.3333), "Informeel afgehandeld": (1, 0.3333), "Ongegrond": (1, 0.3333),
    }  # fmt: skip
    assert grid(wb["Teams"], "Team") == {"Beheer": (2, 1, 0, 0), "Werk": (1, 2, 1, 0)}
    assert grid(wb["Trend"], "Jaar") == {2024: (2,), 2025: (3,)}
    assert grid(wb["Gegrond per onderwerp"], "Onderwerp") == {"boete": (2, 0, 0), "energietoeslag": (1, 1, 1)}
    assert ("Niet van toepassing: het gekozen zaaktype is geen vraag.",) in rows(wb["Vragen"])


def test_headers_are_bold_and_columns_have_widths(cases: dict[str, Any]) -> None:
    wb = workbook()
    header = next(row for row in wb["Teams"].iter_rows() if row[0].value == "Team")
    assert all(cell.font.bold for cell in header)
    assert wb["Zaken"]["A1"].font.bold
    assert wb["Zaken"].column_dimensions["A"].width == 18
    assert wb["Onderwerpen"].column_dimensions["A"].width >= 20
    assert wb["Zaken"].freeze_panes == "A2"


def test_the_case_list_is_the_received_and_the_closed_cohort(cases: dict[str, Any]) -> None:
    table = rows(workbook()["Zaken"])
    header, body = table[0], {row[0]: dict(zip(table[0], row, strict=True)) for row in table[1:]}
    assert header[:4] == ("Kenmerk", "Zaaktype", "Ontvangen", "Afgehandeld")
    assert set(body) == {cases[k].reference for k in ("k1", "k2", "k3", "k4")}
    k1, k2, k3, k4 = (body[cases[k].reference] for k in ("k1", "k2", "k3", "k4"))
    assert (k1["Doorlooptijd (dagen)"], k1["Binnen termijn"], k1["Uitkomst"]) == (22, "ja", "Gegrond")
    assert (k2["Doorlooptijd (dagen)"], k2["Binnen termijn"], k2["Kanaal"]) == (71, "nee", "Post")
    assert (k3["Afgehandeld"], k3["Doorlooptijd (dagen)"], k3["Binnen termijn"]) == (None, None, None)
    assert (k4["Ontvangen in periode"], k4["Afgehandeld in periode"], k4["Informeel"]) == ("nee", "ja", "ja")
    assert k1["Aard"] == "duurt lang" and k1["Team"] == "Werk" and k1["Onderwerp"] == "energietoeslag"


def test_the_summary_holds_the_period_filters_and_sentences(cases: dict[str, Any]) -> None:
    summary = workbook()["Samenvatting"]
    assert labelled(summary, "Periode").value == "01-01-2025 t/m 31-12-2025"
    assert labelled(summary, "Zaaktype").value == "Klacht"
    texts = [row[1] for row in rows(summary) if row[1]]
    written = exports.sentences(figures.full_report(KLACHT_2025), KLACHT_2025)
    assert "In 2025 zijn 3 klachten ontvangen." in written
    assert all(sentence in texts for sentence in written)


# --- CSV ------------------------------------------------------------------------------------------


def _csv(f: Filters = KLACHT_2025) -> tuple[bytes, list[dict[str, str]]]:
    content = exports.csv_bytes(f)
    text = content.decode("utf-8-sig")
    return content, list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def test_the_csv_is_one_flat_table_for_dutch_excel(cases: dict[str, Any]) -> None:
    content, table = _csv()
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads the ë in beëindiging
    assert list(table[0]) == ["figuur", "sleutel", "maat", "waarde"]
    total = next(r for r in table if r["figuur"] == "Instroom" and r["maat"] == "Ontvangen in de periode")
    months = [r for r in table if r["figuur"] == "Instroom" and r["sleutel"].startswith("2025-")]
    assert len(months) == 12
    assert sum(int(r["waarde"]) for r in months) == int(total["waarde"]) == 3
    counts = [int(r["waarde"]) for r in table if r["figuur"] == "Onderwerpen" and r["maat"] == "Aantal"]
    assert sum(counts) == 3
    shares = [_number(r["waarde"]) for r in table if r["figuur"] == "Onderwerpen" and r["maat"] == "Aandeel"]
    assert sum(shares) == pytest.approx(1.0, abs=0.001)
    median = next(r for r in table if r["maat"] == "Mediaan (dagen)")
    assert _number(median["waarde"]) == 42
    assert not [r for r in table if r["waarde"] in ("None", "nan")]


# --- PDF ------------------------------------------------------------------------------------------


def test_the_pdf_opens_and_holds_the_sentences(cases: dict[str, Any]) -> None:
    content = exports.pdf_bytes(KLACHT_2025)
    assert content.startswith(b"%PDF-")
    text, pages = pdf_text(content)
    assert pages >= 2
    assert "Analyse cijfers klachten" in text and "Gemeente Almere" in text and f"Pagina 1 van {pages}" in text
    written = exports.sentences(figures.full_report(KLACHT_2025), KLACHT_2025)
    assert "Van de 3 afgehandelde klachten was 33% gegrond, 0% deels gegrond en 33% ongegrond." in written
    missing = [sentence for sentence in written if sentence not in text]
    assert not missing
    assert "Bezwaren" not in text  # a type filter: only that type's heading


def test_without_a_type_the_pdf_has_a_heading_per_case_type(cases: dict[str, Any]) -> None:
    assert pdf_export.case_types(ALL_2025) == ["klacht", "bezwaar"]
    text, _pages = pdf_text(exports.pdf_bytes(ALL_2025))
    assert "Overzicht" in text and "Klachten" in text and "Bezwaren" in text
    assert "In 2025 is 1 bezwaar ontvangen." in text


def test_an_empty_period_still_gives_a_readable_pdf(cases: dict[str, Any]) -> None:
    empty = Filters(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31), case_type="klacht")
    text, _pages = pdf_text(exports.pdf_bytes(empty))
    assert "In 2023 zijn geen klachten ontvangen." in text
    assert "None" not in text and " nan " not in text


# --- pseudonymised --------------------------------------------------------------------------------


def test_no_resident_data_in_any_export(cases: dict[str, Any]) -> None:
    wb = workbook(ALL_2025)
    cells = " ".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row if v)
    csv_text = exports.csv_bytes(ALL_2025).decode("utf-8-sig")
    pdf, _pages = pdf_text(exports.pdf_bytes(ALL_2025))
    assert cases["k1"].reference in cells  # the case list is there, by reference
    for secret in SECRETS:
        assert secret not in cells, secret
        assert secret not in csv_text, secret
        assert secret not in pdf, secret


def test_the_workbook_costs_the_same_queries_for_more_cases(
    cases: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        exports.xlsx_bytes(KLACHT_2025)
    for day in range(1, 21):
        _case("klacht", date(2025, 6, day), "boete", "Werk")
    with django_assert_max_num_queries(len(few.captured_queries)):
        content = exports.xlsx_bytes(KLACHT_2025)  # the case list is one streamed query, not one per case
    assert len(rows(openpyxl.load_workbook(io.BytesIO(content))["Zaken"])) == 1 + 4 + 20
