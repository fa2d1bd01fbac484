"""The report as sheets of tables: one definition for the XLSX sheets, the flat CSV and the PDF tables.

A `Sheet` is one figure (Dutch name ≤ 31 characters, Excel's limit) with key figures (`facts`) and
one or more `Grid`s. Values stay raw (ints, shares 0–1, ISO months, None); each writer formats them by
the column's `kind`. Only category names, team names, counts and dates: no resident data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casus.cases.domain import CaseType, Channel, Outcome
from casus.monitor import figures
from casus.monitor.sentences import period_label

UNKNOWN = figures.UNKNOWN

# kinds: text, int, share (0–1), change (signed share), days (float), month ("2025-01"), year, yesno, date
TEXT, INT, SHARE, CHANGE, DAYS, MONTH, YEAR, YESNO, DATE = (
    "text", "int", "share", "change", "days", "month", "year", "yesno", "date",
)  # fmt: skip


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = TEXT


@dataclass(frozen=True)
class Fact:
    label: str
    value: Any
    kind: str = INT


@dataclass
class Grid:
    columns: list[Column]
    rows: list[list[Any]]
    title: str = ""


@dataclass
class Sheet:
    name: str  # the XLSX sheet name and the CSV "figuur"
    title: str  # a heading for people
    facts: list[Fact] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    note: str = ""  # why a sheet is empty


def choice_label(choices: Any, code: str) -> str:
    if code == UNKNOWN or not code:
        return "Onbekend"
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def channel_label(code: str) -> str:
    return choice_label(Channel, code)


def outcome_label(code: str) -> str:
    return choice_label(Outcome, code) if code != UNKNOWN else "Zonder uitkomst"


def type_label(code: str | None) -> str:
    return "Alle zaaktypen" if not code else choice_label(CaseType, code)


def _label(name: str) -> str:
    """Subject, team or nature names as stored; the 'onbekend' bucket in words."""
    return "Onbekend" if name == UNKNOWN else name


# --- one function per sheet -----------------------------------------------------------------------


def intake(data: dict[str, Any]) -> Sheet:
    received = data["received"]
    facts = [Fact("Ontvangen in de periode", received["total"])]
    compare = data.get("compare")
    if compare:
        span = period_label(date.fromisoformat(compare["from"]), date.fromisoformat(compare["to"]))
        facts += [
            Fact(f"Ontvangen in de vergelijkingsperiode ({span})", compare["total"]),
            Fact("Verandering ten opzichte van de vergelijkingsperiode", received["change_vs_compare"], CHANGE),
        ]
    without = data.get("without_subject")
    if without:
        name = without["subject"]
        facts.append(Fact(f"Ontvangen zonder {name}", without["total"]))
        if without["compare_total"] is not None:
            facts += [
                Fact(f"Ontvangen zonder {name} in de vergelijkingsperiode", without["compare_total"]),
                Fact(f"Verandering zonder {name}", without["change_vs_compare"], CHANGE),
            ]
    rows = [[month, n] for month, n in received["by_month"].items()]
    return Sheet(
        "Instroom", "Ontvangen per maand", facts, [Grid([Column("Maand", MONTH), Column("Ontvangen", INT)], rows)]
    )


def subjects(data: dict[str, Any]) -> Sheet:
    rows = [[_label(r["subject"]), r["count"], r["share"]] for r in data["by_subject"]]
    columns = [Column("Onderwerp"), Column("Aantal", INT), Column("Aandeel", SHARE)]
    facts = [Fact("Aandeel van de drie grootste onderwerpen samen", data["top3_subjects_share"], SHARE)]
    return Sheet("Onderwerpen", "Ontvangen per onderwerp", facts, [Grid(columns, rows)])


def channels(data: dict[str, Any]) -> Sheet:
    total = data["received"]["total"]
    rows = [[channel_label(r["channel"]), r["count"], figures.share(r["count"], total)] for r in data["by_channel"]]
    columns = [Column("Kanaal"), Column("Aantal", INT), Column("Aandeel", SHARE)]
    return Sheet("Kanalen", "Ontvangen per kanaal", grids=[Grid(columns, rows)])


def nature(data: dict[str, Any]) -> Sheet:
    rows = [[r["nature"], r["count"]] for r in data["by_nature"]]
    note = "" if rows else "Geen zaken met een aard van de klacht in deze periode."
    return Sheet("Aard", "Aard van de klacht", grids=[Grid([Column("Aard"), Column("Aantal", INT)], rows)], note=note)


def teams(data: dict[str, Any]) -> Sheet:
    rows = [[_label(r["team"]), r["received"], r["closed"], r["gegrond"], r["deels_gegrond"]] for r in data["by_team"]]
    columns = [
        Column("Team"), Column("Ontvangen", INT), Column("Afgehandeld", INT), Column("Gegrond", INT),
        Column("Deels gegrond", INT),
    ]  # fmt: skip
    return Sheet("Teams", "Per team: ontvangen en afgehandeld", grids=[Grid(columns, rows)])


def repeat_filers(data: dict[str, Any]) -> Sheet:
    words = {"2": "2 zaken", "3": "3 zaken", "4+": "4 of meer zaken"}
    rows = [[words[key], n] for key, n in data["repeat_filers"].items()]
    grid = Grid([Column("Ingediend in de periode"), Column("Aantal inwoners", INT)], rows)
    return Sheet("Herhaalde indieners", "Inwoners die vaker indienden", grids=[grid])


def outcomes(data: dict[str, Any]) -> Sheet:
    closed = data["closed"]
    total = closed["total"]
    rows = [[outcome_label(code), n, figures.share(n, total)] for code, n in closed["by_outcome"].items()]
    facts = [Fact("Afgehandeld in de periode", total), Fact("Informeel afgehandeld", data["informal_rate"], SHARE)]
    columns = [Column("Uitkomst"), Column("Aantal", INT), Column("Aandeel", SHARE)]
    return Sheet("Uitkomsten", "Afgehandeld per uitkomst", facts, [Grid(columns, rows)])


def founded(data: dict[str, Any]) -> Sheet:
    rows = [[_label(r["subject"]), r["closed"], r["gegrond"], r["rate"]] for r in data["founded_by_subject"]]
    columns = [
        Column("Onderwerp"),
        Column("Afgehandeld", INT),
        Column("Gegrond", INT),
        Column("Aandeel gegrond", SHARE),
    ]
    return Sheet("Gegrond per onderwerp", "Gegrond per onderwerp", grids=[Grid(columns, rows)])


BUCKETS = [
    ("within_6_weeks", "Binnen 6 weken"),
    ("6_to_10_weeks", "6 tot 10 weken"),
    ("over_10_weeks", "Langer dan 10 weken"),
]


def lead_time(data: dict[str, Any]) -> Sheet:
    lead = data["lead_time"]
    facts = [Fact(label, lead[key], SHARE) for key, label in BUCKETS] + [
        Fact("Mediaan (dagen)", lead["median_days"], DAYS),
        Fact("90e percentiel (dagen)", lead["p90_days"], DAYS),
        Fact("Binnen de termijn", lead["within_term"], SHARE),
    ]
    columns = [Column("Maand van afhandeling", MONTH)] + [Column(label, SHARE) for _key, label in BUCKETS]
    rows = [[month, *(shares[key] for key, _label in BUCKETS)] for month, shares in lead["by_close_month"].items()]
    return Sheet("Doorlooptijd", "Doorlooptijd (ontvangen tot afgehandeld)", facts, [Grid(columns, rows)])


def trend(data: dict[str, Any]) -> Sheet:
    facts = [Fact("Trend: verandering per jaar", data["trend"]["slope_per_year"], DAYS)]
    rows = [[year, n] for year, n in data["trend"]["by_year"].items()]
    return Sheet("Trend", "Ontvangen per jaar", facts, [Grid([Column("Jaar", YEAR), Column("Ontvangen", INT)], rows)])


def questions(data: dict[str, Any]) -> Sheet:
    block = data.get("questions")
    if not block:
        return Sheet("Vragen", "Vragen", note="Niet van toepassing: het gekozen zaaktype is geen vraag.")
    facts = [
        Fact("Ontvangen in de periode", block["received"]),
        Fact("Afgehandeld in de periode", block["closed"]),
        Fact("Binnen de servicenorm", block["within_norm"], SHARE),
        Fact("Met persoonlijk contact", block["personal_contact"], SHARE),
        Fact("Nog open aan het eind van de periode", block["backlog"]),
    ]
    rows = [[year, n] for year, n in block["by_year"].items()]
    grid = Grid([Column("Jaar", YEAR), Column("Ontvangen", INT)], rows, "Vragen per jaar")
    return Sheet("Vragen", "Vragen: servicenorm, persoonlijk contact en achterstand", facts, [grid])


def appeals(data: dict[str, Any]) -> Sheet:
    block = data.get("appeals")
    if not block:
        return Sheet("Beroep", "Beroep", note="Niet van toepassing: het gekozen zaaktype is geen beroep.")
    lag = block["lag"]
    facts = [
        Fact("Beroepen ontvangen in de periode", block["total"]),
        Fact("Meldingsduur: mediaan (dagen)", lag["median_days"], DAYS),
        Fact("Meldingsduur: 90e percentiel (dagen)", lag["p90_days"], DAYS),
        Fact("Datum indienen bij de rechtbank onbekend", lag.get("unknown", 0)),
    ]
    buckets = Grid(
        [Column("Meldingsduur"), Column("Aantal", INT)],
        [[row["label"], row["count"]] for row in lag["buckets"]],
        "Van indienen bij de rechtbank tot melding bij het team",
    )
    spikes = set(block["spike_months"])
    months = Grid(
        [Column("Maand", MONTH), Column("Ontvangen", INT), Column("Piek", YESNO)],
        [[month, n, month in spikes] for month, n in block["by_month"].items()],
        "Beroepen per maand (piek: meer dan twee keer het gemiddelde van de andere maanden)",
    )
    return Sheet("Beroep", "Beroep: meldingsduur en pieken", facts, [buckets, months])


def sheets(data: dict[str, Any]) -> list[Sheet]:
    """Every figure's sheet, in the order of the report."""
    return [
        intake(data), subjects(data), channels(data), nature(data), teams(data), repeat_filers(data),
        outcomes(data), founded(data), lead_time(data), trend(data), questions(data), appeals(data),
    ]  # fmt: skip


def filter_rows(data: dict[str, Any], f: figures.Filters) -> list[tuple[str, str]]:
    """The period and the filters in words, for the Samenvatting sheet, the CSV and the PDF title block."""
    rows = [
        ("Periode", f"{f.date_from:%d-%m-%Y} t/m {f.date_to:%d-%m-%Y}"),
        ("Zaaktype", type_label(f.case_type)),
    ]
    compare = data.get("compare")
    if compare:
        start, end = date.fromisoformat(compare["from"]), date.fromisoformat(compare["to"])
        rows.append(("Vergelijkingsperiode", f"{start:%d-%m-%Y} t/m {end:%d-%m-%Y}"))
    optional = [
        ("Team", f.team), ("Onderwerp", f.subject), ("Kanaal", f.channel and channel_label(f.channel)),
        ("Zonder onderwerp", f.without_subject), ("Organisatie", f.organisation and f.organisation.name),
    ]  # fmt: skip
    rows += [(label, str(value)) for label, value in optional if value]
    return rows


def organisation_name(f: figures.Filters) -> str:
    """The organisation the report is about: the filter's, the only one there is, or all of them."""
    from casus.cases.models import Organisation

    if f.organisation is not None:
        return f.organisation.name
    names = list(Organisation.objects.order_by("name").values_list("name", flat=True)[:2])
    return names[0] if len(names) == 1 else "Alle organisaties"
