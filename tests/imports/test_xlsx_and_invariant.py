"""XLSX as Excel writes it, and the count invariant read = imported + updated + unchanged + rejected."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from casus.cases.models import Case
from casus.imports.importer import import_file
from tests import factories

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db


def _xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Registraties BBK 2023"])
    sheet.merge_cells("A1:E1")  # a title merged over the columns
    sheet.append(["Kenmerk", "Zaaktype", "Ontvangen op", "Omschrijving", None, "Opmerking"])
    sheet.merge_cells("D2:E2")  # a header merged over two columns
    sheet.append(["KL-X1", "Klacht", datetime(2023, 1, 12), "Te laat gebeld", None, "intern"])
    sheet.append(["KL-X2", "klacht", "31-02-2022", "Datum kan niet", None, None])
    sheet.append(["WOO-X3", "woo", "2023-02-01", "Verzoek om stukken", None, None])
    for _ in range(5):
        sheet.append([None, None, None, None, None, None])  # empty trailing rows
    sheet.cell(row=20, column=1).value = ""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_with_merged_cells_and_empty_trailing_rows() -> None:
    report, _ = import_file(organisation=factories.organisation(), name="bbk.xlsx", content=_xlsx(), skip_invalid=True)
    assert report.counts == {"read": 3, "imported": 2, "updated": 0, "unchanged": 0, "rejected": 1}
    assert report.ignored_columns == ["Opmerking"]
    assert [(p.row, p.column) for p in report.problems] == [(4, "ontvangen_op")]
    assert Case.objects.get(reference="KL-X1").description == "Te laat gebeld"
    assert Case.objects.get(reference="WOO-X3").case_type == "woo"


ROW = st.tuples(
    st.sampled_from(["R1", "R2", "R3", "", "R1 "]),
    st.sampled_from(["klacht", "vraag", "bezwaar", "onbekend", ""]),
    st.sampled_from(["2023-01-05", "31-02-2022", "5-1-2023", "gisteren", ""]),
    st.sampled_from(["", "2023-03-01", "2022-01-01"]),
    st.sampled_from(["", "gegrond", "beantwoord"]),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROW, max_size=6), st.lists(ROW, max_size=6), st.booleans())
def test_read_is_always_the_sum_of_the_outcomes(first: list, second: list, skip_invalid: bool) -> None:
    org = factories.organisation()
    for rows in (first, second):
        lines = [f"{r};{t};{rec};;;;;;{closed};{outcome};" for r, t, rec, closed, outcome in rows]
        report, _ = import_file(organisation=org, name="x.csv", content=csv_bytes(*lines), skip_invalid=skip_invalid)
        counts = report.counts
        # A row with no value at all is no row (empty rows are skipped, as Excel leaves them): not read.
        assert counts["read"] == sum(1 for row in rows if any(cell.strip() for cell in row))
        assert counts["read"] == counts["imported"] + counts["updated"] + counts["unchanged"] + counts["rejected"]
