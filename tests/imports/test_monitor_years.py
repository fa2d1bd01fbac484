"""Issue 6, "done when": after importing a 3-year spreadsheet export, the Monitor shows the imported
years. The report is casus.monitor.figures.report, the same figures as the Monitor and the API."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casus.cases.models import Case
from casus.imports.importer import import_file
from casus.monitor import figures
from tests import factories

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

PER_YEAR = {2022: 37, 2023: 52, 2024: 29}
SUBJECTS = ["energietoeslag", "bijzondere bijstand", "terugvordering"]


def _rows() -> tuple[list[str], dict[str, int]]:
    """A registration export of three years: complaints and questions spread over the months, most
    of them closed some weeks later (some in the next year). Dutch dates, as Excel writes them, and ISO
    dates mixed. Returns the rows and the expected counts of 2023's received and closed cohorts."""
    rows, received_2023, closed_2023 = [], 0, 0
    by_month_2023 = dict.fromkeys(range(1, 13), 0)
    number = 0
    for year, count in PER_YEAR.items():
        for i in range(count):
            number += 1
            received = date(year, 1, 1) + timedelta(days=(i * 353) // count)  # Jan 1st .. about Dec 19th
            case_type, outcome = (
                ("klacht", "gegrond" if i % 3 == 0 else "ongegrond") if i % 2 else ("vraag", "beantwoord")
            )
            closed = received + timedelta(days=5 + (i * 7) % 60) if i % 5 else None  # every fifth still open
            day = received.strftime("%d-%m-%Y") if i % 2 else received.isoformat()
            rows.append(
                f"IMP-{number:05d};{case_type};{day};email;Werk;{SUBJECTS[i % 3]};inwoner-{i % 17};;"
                f"{closed.strftime('%d-%m-%Y') if closed else ''};{outcome if closed else ''};Geïmporteerd"
            )
            if year == 2023:
                received_2023 += 1
                by_month_2023[received.month] += 1
            if closed is not None and closed.year == 2023:
                closed_2023 += 1
    return rows, {
        "received": received_2023,
        "closed": closed_2023,
        **{f"2023-{m:02d}": n for m, n in by_month_2023.items()},
    }


def test_the_monitor_shows_the_imported_years() -> None:
    almere = factories.organisation()
    rows, expected = _rows()
    report, _ = import_file(organisation=almere, name="registraties 2022-2024.csv", content=csv_bytes(*rows))
    assert report.counts == {"read": 118, "imported": 118, "updated": 0, "unchanged": 0, "rejected": 0}
    # Cases of another organisation are not the imported years of this one.
    factories.register("klacht", date(2023, 5, 1), organisation=factories.other_organisation(), team=None)

    year = figures.report(figures.Filters(date(2023, 1, 1), date(2023, 12, 31), organisation=almere))
    assert year["trend"]["by_year"] == {"2022": 37, "2023": 52, "2024": 29}
    assert year["trend"]["slope_per_year"] == -4.0  # (29 - 37) / 2
    assert year["received"]["total"] == expected["received"] == 52
    assert year["received"]["by_month"] == {month: expected[month] for month in year["received"]["by_month"]}
    assert year["closed"]["total"] == expected["closed"]
    closed_2023 = Case.objects.filter(organisation=almere, closed_on__year=2023)
    assert year["closed"]["total"] == closed_2023.count()
    # The closed cohort is by closing date: December's 2022 cases closed in 2023 count, 2023's closed in
    # 2024 do not.
    assert closed_2023.filter(received_on__year=2022).exists()
    assert Case.objects.filter(organisation=almere, received_on__year=2023, closed_on__year=2024).exists()
    assert sum(year["closed"]["by_outcome"].values()) == year["closed"]["total"]
    assert {row["team"] for row in year["by_team"]} == {"Werk"}
    assert {row["subject"] for row in year["by_subject"]} == set(SUBJECTS)
    assert year["lead_time"]["median_days"] is not None  # the imported closing dates give lead times

    # A report over the three years counts every imported row once.
    span = figures.report(figures.Filters(date(2022, 1, 1), date(2024, 12, 31), organisation=almere))
    assert span["received"]["total"] == sum(PER_YEAR.values())
    # Importing the same file again changes none of it.
    again, _ = import_file(organisation=almere, name="registraties 2022-2024.csv", content=csv_bytes(*rows))
    assert again.counts["unchanged"] == 118
    assert figures.report(figures.Filters(date(2023, 1, 1), date(2023, 12, 31), organisation=almere)) == year
