"""The Monitor's generated Dutch sentences (DOMAIN.md §5: "numbers plus generated Dutch sentences").

`sentences(data, f)` turns a `figures.full_report(f)` dict into the observations an analyst would write
under the tables of seed 001's Bijlage 1 ("Ten opzichte van jan–mei steeg het aantal bezwaren in jun–okt
met 81%."). One small function per figure; each returns zero or more complete sentences and never prints
"None", "nan" or a bare 0 where Dutch says "geen". The rules are in docs/monitor.md ("Exports").
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django.utils import timezone

from casus.cases.domain import Channel, Outcome
from casus.deadlines.explain import MONTHS, MONTHS_SHORT
from casus.monitor import figures

UNKNOWN = figures.UNKNOWN


# Singular and plural per case type; None (no type filter) reads as "zaak/zaken".
NOUNS: dict[str | None, tuple[str, str]] = {
    None: ("zaak", "zaken"),
    "vraag": ("vraag", "vragen"),
    "terugbelverzoek": ("terugbelverzoek", "terugbelverzoeken"),
    "klacht": ("klacht", "klachten"),
    "bezwaar": ("bezwaar", "bezwaren"),
    "beroep": ("beroep", "beroepen"),
    "aanvraag": ("aanvraag", "aanvragen"),
    "wmo_melding": ("Wmo-melding", "Wmo-meldingen"),
    "wmo_aanvraag": ("Wmo-aanvraag", "Wmo-aanvragen"),
    "woo": ("Woo-verzoek", "Woo-verzoeken"),
}
# Case types judged gegrond / deels gegrond / ongegrond (Awb chapter 9 and bezwaar/beroep).
DISPUTES = ("klacht", "bezwaar", "beroep")
# Case types measured against a service norm rather than a statutory term.
SERVICE_NORM = ("vraag", "terugbelverzoek")
# How a case came in, as Dutch says it: "kwam binnen per e-mail".
CHANNEL_PHRASES = {
    Channel.POST: "per post",
    Channel.EMAIL: "per e-mail",
    Channel.TELEFOON: "telefonisch",
    Channel.BALIE: "aan de balie",
    Channel.WEBFORMULIER: "via het webformulier",
    Channel.VIA_PARTNER: "via een partner",
    UNKNOWN: "via een onbekend kanaal",
}
COUNT_WORDS = {"2": "twee", "3": "drie", "4+": "vier of meer"}
# A slope under 1% of the yearly average is no trend worth a number ("nagenoeg gelijk").
FLAT_TREND = 0.01


# --- Dutch numbers, percentages and periods -------------------------------------------------------


def number(value: int | float) -> str:
    """1234 → "1.234"; 2.5 → "2,5"; 30.0 → "30" (one decimal at most)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.1f}"
        if text.endswith(".0"):
            text = text[:-2]
    else:
        text = f"{round(value):,d}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def percent(value: float) -> str:
    """A share 0–1 as a whole Dutch percentage: 0.8149 → "81%"; a non-zero share under 0.5% reads
    "minder dan 1%" rather than a misleading "0%"."""
    whole = round(abs(value) * 100)
    if whole == 0 and value != 0:
        return "minder dan 1%"
    return f"{whole}%"


def signed_percent(value: float) -> str:
    """A change: +81% / −3% / 0% (with a real minus sign)."""
    whole = round(value * 100)
    return f"+{whole}%" if whole > 0 else (f"−{-whole}%" if whole < 0 else "0%")


def count(n: int, case_type: str | None) -> str:
    """ "geen klachten", "1 klacht", "12 klachten"."""
    singular, plural = NOUNS.get(case_type, NOUNS[None])
    if n == 0:
        return f"geen {plural}"
    return f"{number(n)} {singular if n == 1 else plural}"


def join(items: Iterable[str], last: str = "en") -> str:
    """["a", "b", "c"] → "a, b en c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end.day == _last_day(end.year, end.month)


def period_label(start: date, end: date, *, with_year: bool = True) -> str:
    """A period as Dutch reports write it: "2025", "2022–2024", "jan–mei 2025", "mei 2025",
    "nov 2024–feb 2025", "3 jan–15 mei 2025". Without `with_year` a period inside one year drops the year
    ("jan–mei"), as in "ten opzichte van jan–mei … in jun–okt"; a whole year always keeps it."""
    year = f" {end.year}" if with_year else ""
    if _whole_months(start, end):
        if (start.month, end.month) == (1, 12):
            return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
        first, last = MONTHS_SHORT[start.month - 1], MONTHS_SHORT[end.month - 1]
        if start.year != end.year:
            return f"{first} {start.year}–{last} {end.year}"
        return f"{first}{year}" if start.month == end.month else f"{first}–{last}{year}"
    first = f"{start.day} {MONTHS_SHORT[start.month - 1]}"
    last = f"{end.day} {MONTHS_SHORT[end.month - 1]}"
    if start.year != end.year:
        return f"{first} {start.year}–{last} {end.year}"
    return f"{first}{year}" if start == end else f"{first}–{last}{year}"


def period_phrase(label: str) -> str:
    """A period label after its preposition: a day takes "op", a range of days "in de periode", the rest
    (years, months) "in"."""
    if label[:1].isdigit() and not label[:4].isdigit():
        return f"in de periode {label}" if "–" in label else f"op {label}"
    return f"in {label}"


def month_label(key: str, *, with_year: bool = True) -> str:
    """ "2025-10" → "oktober 2025" (or "oktober")."""
    year, month = (int(part) for part in key.split("-"))
    return f"{MONTHS[month - 1]} {year}" if with_year else MONTHS[month - 1]


def one_year_earlier(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# Outcomes whose label does not fit "… is {label}" in a sentence.
OUTCOME_PHRASES = {
    UNKNOWN: "zonder vastgelegde uitkomst",
    "geen_oordeel": "zonder oordeel afgesloten",
    "niet_ontvankelijk": "niet-ontvankelijk verklaard",
}


def outcome_label(code: str) -> str:
    if code in OUTCOME_PHRASES:
        return OUTCOME_PHRASES[code]
    try:
        return str(Outcome(code).label).lower()
    except ValueError:
        return code


def team_label(name: str) -> str:
    return "zonder team" if name == UNKNOWN else f"team {name}"


# --- the context every sentence needs -------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    case_type: str | None
    period: str  # "2025", "jun–okt 2025"
    short_period: str  # without the year when the comparison lies in the same year
    compare_period: str | None
    previous_informal: float | None = None  # §5.5: the informal share a year earlier
    previous_period: str | None = None
    this_year: int = 0

    @property
    def singular(self) -> str:
        return NOUNS.get(self.case_type, NOUNS[None])[0]

    @property
    def plural(self) -> str:
        return NOUNS.get(self.case_type, NOUNS[None])[1]

    def count(self, n: int) -> str:
        return count(n, self.case_type)

    @property
    def in_period(self) -> str:
        """The period after a preposition: "in 2025", "op 3 mrt 2025", "in de periode 3 jan–15 mei 2025"."""
        return period_phrase(self.period)


def context(data: dict[str, Any], f: figures.Filters, **extra: Any) -> Context:
    start, end = f.date_from, f.date_to
    compare = data.get("compare")
    compare_period = short = None
    if compare:
        c_start, c_end = date.fromisoformat(compare["from"]), date.fromisoformat(compare["to"])
        same_year = start.year == end.year == c_start.year == c_end.year
        short = period_label(start, end, with_year=not same_year)
        compare_period = period_label(c_start, c_end, with_year=not same_year)
    return Context(
        case_type=f.case_type, period=period_label(start, end), short_period=short or period_label(start, end),
        compare_period=compare_period, this_year=timezone.localdate().year, **extra,
    )  # fmt: skip


# --- one function per figure ----------------------------------------------------------------------


def intake(data: dict[str, Any], c: Context) -> list[str]:
    total = data["received"]["total"]
    verb = "is" if total == 1 else "zijn"
    said = [f"{first_upper(c.in_period)} {verb} {c.count(total)} ontvangen."]
    by_month = data["received"]["by_month"]
    if total and len(by_month) >= 3:
        most = max(by_month.values())
        months = [key for key, n in by_month.items() if n == most]
        one_year = len({key[:4] for key in by_month}) == 1
        names = join(month_label(key, with_year=not one_year) for key in months)
        if len(months) <= 3:
            each = "elk " if len(months) > 1 else ""
            said.append(f"De meeste {c.plural} kwamen binnen in {names} ({each}{number(most)}).")
    return said


def _change(before: int, now: int) -> str:
    """ "steeg … met 81%" / "daalde … met 8%"."""
    return "steeg" if now > before else "daalde"


def compare(data: dict[str, Any], c: Context) -> list[str]:
    block = data.get("compare")
    if not block or c.compare_period is None:
        return []
    before, now = block["total"], data["received"]["total"]
    then, current = c.compare_period, c.short_period
    if before == 0 and now == 0:
        return [f"Zowel {period_phrase(then)} als {period_phrase(current)} zijn geen {c.plural} ontvangen."]
    if before == 0:
        return [
            f"{first_upper(period_phrase(then))} zijn geen {c.plural} ontvangen en "
            f"{period_phrase(current)} {number(now)}. "
            "Een percentage stijging is daarom niet te geven."
        ]
    if now == before:
        return [
            f"Het aantal {c.plural} {period_phrase(current)} is gelijk aan dat {period_phrase(then)}: {number(now)}."
        ]
    change = data["received"]["change_vs_compare"]
    change = (now - before) / before if change is None else change
    return [
        f"Ten opzichte van {then} {_change(before, now)} het aantal {c.plural} {period_phrase(current)} met "
        f"{percent(change)} (van {number(before)} naar {number(now)})."
    ]


def without_subject(data: dict[str, Any], c: Context) -> list[str]:
    block = data.get("without_subject")
    if not block:
        return []
    name, total = block["subject"], data["received"]["total"]
    about = total - block["total"]
    said = []
    if total and about == 0:
        said.append(f"Geen van de {c.plural} {period_phrase(c.short_period)} gaat over {name}.")
    elif total:
        verb = "gaat" if about == 1 else "gaan"
        whole = f"Alle {number(total)}" if about == total else f"{number(about)} van de {number(total)}"
        said.append(f"{whole} {c.plural} {period_phrase(c.short_period)} {verb} over {name}.")
    before = block["compare_total"]
    if before is None or c.compare_period is None:
        return said
    now = block["total"]
    if before == 0:
        said.append(
            f"Zonder {name} zijn {period_phrase(c.compare_period)} geen {c.plural} ontvangen; een percentage is daarom "
            "niet te geven."
        )
    elif now == before:
        said.append(f"Zonder {name} is het aantal gelijk gebleven: {number(now)}.")
    else:
        change = block["change_vs_compare"]
        change = (now - before) / before if change is None else change
        kind = "stijging" if now > before else "daling"
        said.append(f"Zonder {name} is dat een {kind} van {percent(change)} (van {number(before)} naar {number(now)}).")
    return said


def subjects(data: dict[str, Any], c: Context) -> list[str]:
    total = data["received"]["total"]
    known = [row for row in data["by_subject"] if row["subject"] != UNKNOWN]
    if not total:
        return []
    if not known:
        return [f"Bij geen van de {c.plural} is een onderwerp vastgelegd."]
    if total == 1:
        return [f"De {c.singular} gaat over {known[0]['subject']}."]
    top = known[:3]
    names = join(row["subject"] for row in top)
    combined = data["top3_subjects_share"]
    if len(top) == 1:
        return [f"Het enige vastgelegde onderwerp is {names}: {percent(combined)} van alle {c.plural}."]
    said = [
        f"De {'drie' if len(top) == 3 else 'twee'} grootste onderwerpen ({names}) vormen samen "
        f"{percent(combined)} van alle {c.plural}."
    ]
    largest = top[0]
    if largest["count"] > top[1]["count"]:
        said.append(
            f"{first_upper(largest['subject'])} alleen is al goed voor {percent(largest['share'])} "
            f"({c.count(largest['count'])})."
        )
    return said


def channels(data: dict[str, Any], c: Context) -> list[str]:
    total = data["received"]["total"]
    rows = data["by_channel"]
    if not total or not rows:
        return []
    phrase = [CHANNEL_PHRASES.get(row["channel"], f"via {row['channel']}") for row in rows]
    if len(rows) == 1:
        whole = f"De {c.singular} kwam" if total == 1 else f"Alle {c.plural} kwamen"
        return [f"{whole} binnen {phrase[0]}."]
    most = rows[0]["count"]
    tied = [p for p, row in zip(phrase, rows, strict=True) if row["count"] == most]
    if len(tied) > 1:
        return [f"De meeste {c.plural} kwamen binnen {join(tied)}: elk {number(most)} van de {number(total)}."]
    return [
        f"De meeste {c.plural} kwamen binnen {tied[0]}: {number(most)} van de {number(total)} "
        f"({percent(most / total)})."
    ]


def nature(data: dict[str, Any], c: Context) -> list[str]:
    rows = data["by_nature"][:3]
    if not rows:
        return []
    verb = "kwam" if len(rows) == 1 else "kwamen"
    listed = join(f"{row['nature']} ({number(row['count'])})" for row in rows)
    return [f"Naar de aard van de klacht {verb} het vaakst voor: {listed}."]


def _disputed(c: Context) -> bool:
    """Gegrond/ongegrond only means something within one disputed case type, not over all cases."""
    return c.case_type in DISPUTES


def about(subject: str) -> str:
    """The subject after "over": the catch-all category "overig" reads as "overige onderwerpen"."""
    return "overige onderwerpen" if subject == "overig" else subject


def teams(data: dict[str, Any], c: Context) -> list[str]:
    total = data["received"]["total"]
    rows = [row for row in data["by_team"] if row["received"]]
    if not total or not rows:
        return []
    top = rows[0]
    if top["received"] == total:
        said = [f"Alle {c.plural} kwamen binnen bij {team_label(top['team'])}." if total > 1 else (
            f"De {c.singular} kwam binnen bij {team_label(top['team'])}.")]  # fmt: skip
    elif len(rows) > 1 and rows[1]["received"] == top["received"]:
        return [f"De meeste {c.plural} kwamen binnen bij {join(team_label(r['team']) for r in rows[:2])}."]
    else:
        said = [
            f"De meeste {c.plural} kwamen binnen bij {team_label(top['team'])}: "
            f"{number(top['received'])} van de {number(total)}."
        ]
    if _disputed(c) and top["closed"]:
        gegrond = number(top["gegrond"]) if top["gegrond"] else "geen"
        deels = number(top["deels_gegrond"]) if top["deels_gegrond"] else "geen"
        said.append(
            f"{first_upper(team_label(top['team']))} handelde {c.count(top['closed'])} af: {gegrond} gegrond en "
            f"{deels} deels gegrond."
        )
    return said


def repeat_filers(data: dict[str, Any], c: Context) -> list[str]:
    total = data["received"]["total"]
    if total < 2:
        return []
    rows = [(n, COUNT_WORDS[key]) for key, n in data["repeat_filers"].items() if n]
    if not rows:
        return [f"Geen inwoner diende {c.in_period} meer dan één {c.singular} in."]
    listed = join(f"{number(n)} {'inwoner' if n == 1 else 'inwoners'} met {word} {c.plural}" for n, word in rows)
    return [f"{first_upper(c.in_period)} {'is' if rows[0][0] == 1 else 'zijn'} er {listed}."]


def outcomes(data: dict[str, Any], c: Context) -> list[str]:
    closed = data["closed"]["total"]
    by = data["closed"]["by_outcome"]
    if closed == 0:
        return [f"{first_upper(c.in_period)} zijn geen {c.plural} afgehandeld."]
    if closed == 1:
        return [f"{first_upper(c.in_period)} is 1 {c.singular} afgehandeld: {outcome_label(next(iter(by)))}."]
    judged = ("gegrond", "deels_gegrond", "ongegrond")
    if _disputed(c):
        g, d, o = (by.get(code, 0) for code in judged)
        said = [
            f"Van de {number(closed)} afgehandelde {c.plural} was {percent(g / closed)} gegrond, "
            f"{percent(d / closed)} deels gegrond en {percent(o / closed)} ongegrond."
        ]
        rest = {code: n for code, n in by.items() if code not in judged}
        if rest:
            parts = [f"{outcome_label(code)} ({number(n)})" for code, n in list(rest.items())[:4]]
            if len(rest) > 4:
                parts.append(f"anders ({number(sum(list(rest.values())[4:]))})")
            listed = join(parts, last="of")
            said.append(f"De rest ({percent(sum(rest.values()) / closed)}) is {listed}.")
        return said
    listed = list(by.items())
    parts = [f"{percent(n / closed)} {outcome_label(code)}" for code, n in listed[:4]]
    if len(listed) > 4:
        parts.append(f"{percent(sum(n for _code, n in listed[4:]) / closed)} anders")
    return [f"Van de {number(closed)} afgehandelde {c.plural} is {join(parts)}."]


def founded_by_subject(data: dict[str, Any], c: Context) -> list[str]:
    if not _disputed(c) or not data["closed"]["total"]:
        return []
    rows = [row for row in data["founded_by_subject"] if row["subject"] != UNKNOWN and row["closed"]]
    founded = sorted((r for r in rows if r["gegrond"]), key=lambda r: (-r["rate"], -r["closed"], r["subject"]))
    if not founded:
        return []
    said = [
        f"Het vaakst gegrond waren {c.plural} over "
        + join(f"{about(r['subject'])} ({percent(r['rate'])}, N={number(r['closed'])})" for r in founded[:3])
        + "."
    ]
    never = [r for r in rows if not r["gegrond"]]
    if never:
        named = [f"{about(r['subject'])} (N={number(r['closed'])})" for r in never[:3]]
        if len(never) > 3:
            named.append(f"{len(never) - 3} andere onderwerpen")
        said.append(f"{first_upper(c.plural)} over {join(named)} waren {c.in_period} nooit gegrond.")
    return said


def informal(data: dict[str, Any], c: Context) -> list[str]:
    rate = data["informal_rate"]
    if rate is None or (c.case_type != "klacht" and not rate):
        return []
    said = f"Van de afgehandelde {c.plural} is {percent(rate)} informeel afgehandeld"
    if c.previous_informal is not None and c.previous_period:
        if round(c.previous_informal * 100) == round(rate * 100):
            return [f"{said}, net als {period_phrase(c.previous_period)}."]
        kind = "meer" if rate > c.previous_informal else "minder"
        return [f"{said}; dat is {kind} dan {period_phrase(c.previous_period)} ({percent(c.previous_informal)})."]
    return [f"{said}."]


def _share_of_closed(value: float, c: Context) -> str:
    """The subject of "… is … afgehandeld": "74% is", and for none "Geen van de afgehandelde klachten is"."""
    if value == 0:
        return f"Geen van de afgehandelde {c.plural} is"
    return f"{first_upper(percent(value))} is"


def lead_time(data: dict[str, Any], c: Context) -> list[str]:
    lead = data["lead_time"]
    if not data["closed"]["total"] or lead["within_6_weeks"] is None:
        return []
    median = lead["median_days"]
    days = "dag" if median == 1 else "dagen"
    said = [
        f"{_share_of_closed(lead['within_6_weeks'], c)} binnen zes weken afgehandeld; "
        f"de mediaan is {number(median)} {days}."
    ]
    middle, long = lead["6_to_10_weeks"], lead["over_10_weeks"]
    if middle and long:
        said.append(
            f"{first_upper(percent(middle))} duurde zes tot tien weken en {percent(long)} langer dan tien weken."
        )
    elif middle:
        said.append(f"{first_upper(percent(middle))} duurde zes tot tien weken; geen enkele langer dan tien weken.")
    elif long:
        said.append(f"{first_upper(percent(long))} duurde langer dan tien weken.")
    if data["closed"]["total"] >= 10 and lead["p90_days"] is not None:
        # Whole days: 90% took at most p90 days, so "binnen ⌈p90⌉ dagen" is true and reads naturally.
        p90 = number(math.ceil(lead["p90_days"]))
        said.append(f"Negen op de tien {c.plural} waren binnen {p90} dagen afgehandeld.")
    if lead["within_term"] is not None:
        norm = (
            "de servicenorm" if c.case_type in SERVICE_NORM else
            "de termijn" if c.case_type is None else "de wettelijke termijn"
        )  # fmt: skip
        said.append(f"{_share_of_closed(lead['within_term'], c)} afgehandeld binnen {norm}.")
    months = [row["within_6_weeks"] for row in lead["by_close_month"].values() if row["within_6_weeks"] is not None]
    if len(months) >= 2 and min(months) != max(months):
        said.append(f"Per maand is {percent(min(months))} tot {percent(max(months))} binnen zes weken afgehandeld.")
    return said


def trend(data: dict[str, Any], c: Context) -> list[str]:
    by_year, slope = data["trend"]["by_year"], data["trend"]["slope_per_year"]
    if not by_year:
        return [f"Er zijn geen {c.plural} in de gegevens; een trend over de jaren is niet te geven."]
    years = list(by_year)
    if len(years) < 2 or slope is None:
        return [f"Er zijn alleen gegevens over {years[0]}; een trend over de jaren is daarom niet te geven."]
    span = f"{years[0]}–{years[-1]}"
    mean = sum(by_year.values()) / len(by_year)
    if slope == 0:
        said = [f"Over {span} is het aantal {c.plural} per jaar gelijk gebleven."]
    elif round(abs(slope), 1) == 0 or abs(slope) < mean * FLAT_TREND:
        said = [f"Over {span} is het aantal {c.plural} per jaar nagenoeg gelijk gebleven."]
    else:
        kind = "stijgt" if slope > 0 else "daalt"
        said = [f"Over {span} {kind} het aantal {c.plural} gemiddeld met {number(round(abs(slope), 1))} per jaar."]
    if int(years[-1]) >= c.this_year:
        said.append(f"Let op: {years[-1]} is nog niet voorbij, dus dat jaar telt nog niet volledig mee.")
    return said


def questions(data: dict[str, Any], c: Context) -> list[str]:
    block = data.get("questions")
    if not block or not (block["received"] or block["closed"] or block["backlog"]):
        return []
    said = []
    if c.case_type != "vraag":
        verb = "is" if block["received"] == 1 else "zijn"
        said.append(
            f"{first_upper(c.in_period)} {verb} {count(block['received'], 'vraag')} ontvangen en "
            f"{number(block['closed']) if block['closed'] else 'geen'} afgehandeld."
        )
    if block["within_norm"] is not None and c.case_type != "vraag":  # with type vraag lead_time() says it
        said.append(f"Van de afgehandelde vragen is {percent(block['within_norm'])} binnen de servicenorm afgehandeld.")
    if block["personal_contact"] is not None:
        said.append(
            f"Bij {percent(block['personal_contact'])} van de afgehandelde vragen was er persoonlijk contact met "
            "de inwoner."
        )
    backlog = block["backlog"]
    if backlog == 0:
        said.append("Aan het eind van de periode stonden er geen vragen meer open.")
    else:
        verb = "stond" if backlog == 1 else "stonden"
        said.append(f"Aan het eind van de periode {verb} er nog {count(backlog, 'vraag')} open.")
    return said


def appeals(data: dict[str, Any], c: Context) -> list[str]:
    block = data.get("appeals")
    if not block or not block["total"]:
        return []
    lag, said = block["lag"], []
    known = block["total"] - lag.get("unknown", 0)
    if known and lag["median_days"] is not None:
        said.append(
            "Tussen het indienen bij de rechtbank en de melding bij het team zaten bij de helft van de beroepen "
            f"{number(lag['median_days'])} {'dag' if lag['median_days'] == 1 else 'dagen'} of minder."
        )
        late = sum(row["count"] for row in lag["buckets"] if row["bucket"] == "29+")
        if late:
            said.append(
                f"Bij {number(late)} van de {count(known, 'beroep')} duurde dat meer dan vier weken."
                if known > 1 else "Bij dat ene beroep duurde dat meer dan vier weken."
            )  # fmt: skip
    if lag.get("unknown"):
        n = lag["unknown"]
        said.append(f"Bij {count(n, 'beroep')} is niet bekend wanneer {'het' if n == 1 else 'ze'} bij de rechtbank "
                    f"{'is' if n == 1 else 'zijn'} ingediend.")  # fmt: skip
    by_month = block["by_month"]
    one_year = len({key[:4] for key in by_month}) == 1
    for month in block["spike_months"][:3]:
        n = by_month[month]
        others = (block["total"] - n) / (len(by_month) - 1)
        said.append(
            f"Opvallend veel beroepen kwamen binnen in {month_label(month, with_year=not one_year)}: {number(n)}, "
            f"tegen gemiddeld {number(round(others, 1))} in de andere maanden."
        )
    return said


# In the order of seed 001's Bijlage: intake, subjects, outcomes, lead time, trend.
FIGURES: list[tuple[str, Callable[[dict[str, Any], Context], list[str]]]] = [
    ("received", intake),
    ("compare", compare),
    ("without_subject", without_subject),
    ("by_subject", subjects),
    ("by_channel", channels),
    ("by_nature", nature),
    ("by_team", teams),
    ("repeat_filers", repeat_filers),
    ("closed", outcomes),
    ("founded_by_subject", founded_by_subject),
    ("informal_rate", informal),
    ("lead_time", lead_time),
    ("trend", trend),
    ("questions", questions),
    ("appeals", appeals),
]


def previous_year(f: figures.Filters) -> dict[str, Any]:
    """§5.5 compares the informal share with the same period a year earlier."""
    start, end = one_year_earlier(f.date_from), one_year_earlier(f.date_to)
    earlier = replace(f, date_from=start, date_to=end, compare_from=None, compare_to=None)
    return {"previous_informal": figures.informal_rate(earlier), "previous_period": period_label(start, end)}


def by_figure(data: dict[str, Any], f: figures.Filters) -> dict[str, list[str]]:
    """The sentences per figure key (the keys of the report), in reading order."""
    c = context(data, f, **(previous_year(f) if data["informal_rate"] is not None else {}))
    return {key: said for key, write in FIGURES if (said := write(data, c))}


# The key points grouped as the Bijlage reads: (heading, figure keys of by_figure).
KEY_POINT_GROUPS = [
    ("Instroom", ("received", "compare", "without_subject", "by_channel")),
    ("Onderwerpen en aard", ("by_subject", "by_nature")),
    ("Teams en inwoners", ("by_team", "repeat_filers")),
    ("Afhandeling", ("closed", "founded_by_subject", "informal_rate")),
    ("Doorlooptijd", ("lead_time",)),
    ("Over de jaren", ("trend",)),
    ("Vragen", ("questions",)),
    ("Beroep", ("appeals",)),
]


def key_points(said: dict[str, list[str]]) -> list[dict[str, Any]]:
    """by_figure's sentences under the headings of KEY_POINT_GROUPS (empty groups left out)."""
    groups = []
    for title, keys in KEY_POINT_GROUPS:
        if found := [sentence for key in keys for sentence in said.get(key, [])]:
            groups.append({"title": title, "sentences": found})
    return groups


def sentences(data: dict[str, Any], f: figures.Filters) -> list[str]:
    """All generated sentences for one report (data = figures.full_report(f)), in reading order."""
    return [sentence for said in by_figure(data, f).values() for sentence in said]
