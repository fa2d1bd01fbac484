"""Due dates, filing terms, penalties and states counted by hand, as an independent check on the engine.

Every expected value below was worked out from the law (shared/DOMAIN.md §2 and §4, shared/LEGAL-NOTES.md
"Counting rules" and §1-6) and a calendar, NOT by running the engine. Each row's comment shows the count.

How the rows are counted:
- "N weeks after X" ends on X + 7·N days: the same weekday as X.
- Algemene termijnenwet (Atw) art. 1: a statutory term ending on a Saturday, Sunday or holiday moves to
  the next day that is none of these. Art. 3 holidays: Nieuwjaarsdag, Goede Vrijdag (lid 2), Tweede
  Paasdag, Koningsdag (27 April; Saturday 26 April when the 27th is a Sunday), 5 May in EVERY year,
  Hemelvaartsdag, Tweede Pinksterdag, Eerste and Tweede Kerstdag. Art. 4: not for terms of more than 12
  weeks (measured as base term + postponement).
- No Atw for the vraag (service norm) and terugbelverzoek (2 working days: the 2nd working day after receipt).
- Suspensions F→T add T − F days and the postponement adds its length, both before the Atw.
- bezwaar: filing deadline = decision sent + 6 weeks (Atw); decision term counted from the day after the
  filing deadline, or from the day after receipt when the objection came in after the filing deadline or
  the decision's dispatch date is unknown.
- Penalty (Awb 4:17): first day = notice received + 14 days when the notice came after the due date;
  €23/day days 1-14, €35 days 15-28, €45 days 29-42, at most 42 days (€1,442) on first day + 41; no Atw.

Easter Sundays used (also checked in test_atw_holiday_table): 2020-04-12, 2021-04-04, 2022-04-17,
2023-04-09, 2024-03-31, 2025-04-20, 2026-04-05, 2027-03-28, 2028-04-16, 2029-04-01, 2030-04-21,
2031-04-13, 2032-03-28, 2033-04-17, 2034-04-09, 2035-03-25. Good Friday = Easter − 2, Easter Monday =
Easter + 1, Ascension = Easter + 39, Whit Monday = Easter + 50.

Day names in the comments are Dutch: ma di wo do vr za zo.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from casus.deadlines import (
    RULES,
    State,
    Suspension,
    Term,
    atw_holidays,
    compute_deadline,
    compute_penalty,
    deadline_status,
    filing_check,
)
from casus.deadlines.cli import main


def d(text: str) -> date:
    return date.fromisoformat(text)


def _suspensions(pairs: list[tuple[str, str]]) -> list[Suspension]:
    return [Suspension(d(start), d(end)) for start, end in pairs]


# ---------------------------------------------------------------------------------------------------------
# Due dates of every case type except bezwaar (which has its own table below).
# Row: case type, received, options, expected due, expected "Atw applied".
# Options: committee, postponed, suspensions [(F, T)], term_weeks (an organisation's own service norm).
# ---------------------------------------------------------------------------------------------------------

# fmt: off
DUE_CASES = [
    # --- vraag: service norm 6 weeks, no Atw: may end on a weekend or holiday -----------------------------
    # ontvangen do 15-01-2026; +6 weken = do 26-02-2026 (werkdag)
    pytest.param("vraag", "2026-01-15", {}, "2026-02-26", False, id="vraag-gewoon"),
    # ontvangen zo 12-04-2026; +6 weken = zo 24-05-2026; servicenorm, geen Atw -> blijft zo 24-05-2026
    pytest.param("vraag", "2026-04-12", {}, "2026-05-24", False, id="vraag-eindigt-zondag-geen-atw"),
    # ontvangen vr 13-11-2026; +6 weken = vr 25-12-2026 (1e Kerstdag); geen Atw -> blijft vr 25-12-2026
    pytest.param("vraag", "2026-11-13", {}, "2026-12-25", False, id="vraag-eindigt-kerstdag-geen-atw"),
    # ontvangen do 25-03-2027; +6 weken = do 06-05-2027 (Hemelvaart 2027); geen Atw -> blijft do 06-05-2027
    pytest.param("vraag", "2027-03-25", {}, "2027-05-06", False, id="vraag-eindigt-hemelvaart-geen-atw"),
    # organisatie kiest servicenorm 3 weken: ontvangen do 15-01-2026; +3 weken = do 05-02-2026
    pytest.param("vraag", "2026-01-15", {"term_weeks": 3}, "2026-02-05", False, id="vraag-eigen-norm-3-weken"),
    # --- terugbelverzoek: the 2nd working day after receipt; weekends and Atw holidays are not working days -
    # ontvangen ma 02-03-2026; di 03-03 = 1, wo 04-03 = 2 -> wo 04-03-2026
    pytest.param("terugbelverzoek", "2026-03-02", {}, "2026-03-04", False, id="terugbel-maandag"),
    # ontvangen vr 06-03-2026; za/zo tellen niet; ma 09-03 = 1, di 10-03 = 2 -> di 10-03-2026
    pytest.param("terugbelverzoek", "2026-03-06", {}, "2026-03-10", False, id="terugbel-vrijdag"),
    # ontvangen za 07-03-2026; zo telt niet; ma 09-03 = 1, di 10-03 = 2 -> di 10-03-2026
    pytest.param("terugbelverzoek", "2026-03-07", {}, "2026-03-10", False, id="terugbel-zaterdag"),
    # ontvangen do 02-04-2026; vr 03-04 Goede Vrijdag, za, zo, ma 06-04 2e Paasdag; di 07-04 = 1, wo 08-04 = 2
    pytest.param("terugbelverzoek", "2026-04-02", {}, "2026-04-08", False, id="terugbel-pasen"),
    # ontvangen wo 24-12-2025; do 25 en vr 26-12 Kerst, za, zo; ma 29-12 = 1, di 30-12 = 2 -> di 30-12-2025
    pytest.param("terugbelverzoek", "2025-12-24", {}, "2025-12-30", False, id="terugbel-kerst"),
    # ontvangen wo 13-05-2026; do 14-05 Hemelvaart; vr 15-05 = 1, za, zo, ma 18-05 = 2 -> ma 18-05-2026
    pytest.param("terugbelverzoek", "2026-05-13", {}, "2026-05-18", False, id="terugbel-hemelvaart"),
    # ontvangen ma 04-05-2026; di 05-05 Bevrijdingsdag (elk jaar); wo 06-05 = 1, do 07-05 = 2 -> do 07-05-2026
    pytest.param("terugbelverzoek", "2026-05-04", {}, "2026-05-07", False, id="terugbel-5-mei-2026"),
    # ontvangen vr 24-04-2026; za, zo, ma 27-04 Koningsdag; di 28-04 = 1, wo 29-04 = 2 -> wo 29-04-2026
    pytest.param("terugbelverzoek", "2026-04-24", {}, "2026-04-29", False, id="terugbel-koningsdag"),
    # ontvangen wo 31-12-2025; do 01-01-2026 Nieuwjaar; vr 02-01 = 1, za, zo, ma 05-01 = 2 -> ma 05-01-2026
    pytest.param("terugbelverzoek", "2025-12-31", {}, "2026-01-05", False, id="terugbel-nieuwjaar"),
    # ontvangen vr 22-05-2026; za, zo, ma 25-05 2e Pinksterdag; di 26-05 = 1, wo 27-05 = 2 -> wo 27-05-2026
    pytest.param("terugbelverzoek", "2026-05-22", {}, "2026-05-27", False, id="terugbel-pinksteren"),
    # --- klacht: 6 weeks (Awb 9:11), 10 with a committee, postponement +4 weeks; Atw -------------------------
    # ontvangen di 03-03-2026; +6 weken = di 14-04-2026 (werkdag; 2e Paasdag was ma 06-04)
    pytest.param("klacht", "2026-03-03", {}, "2026-04-14", True, id="klacht-gewoon"),
    # ontvangen zo 12-04-2026; +6 weken = zo 24-05-2026; ma 25-05 = 2e Pinksterdag -> di 26-05-2026
    pytest.param("klacht", "2026-04-12", {}, "2026-05-26", True, id="klacht-zondag-en-2e-pinksterdag"),
    # ontvangen vr 20-02-2026; +6 weken = vr 03-04-2026 Goede Vrijdag; za, zo, ma 06-04 2e Paasdag -> di 07-04
    pytest.param("klacht", "2026-02-20", {}, "2026-04-07", True, id="klacht-goede-vrijdag"),
    # ontvangen ma 15-02-2027; +6 weken = ma 29-03-2027 = 2e Paasdag (Pasen 28-03-2027) -> di 30-03-2027
    pytest.param("klacht", "2027-02-15", {}, "2027-03-30", True, id="klacht-2e-paasdag-2027"),
    # ontvangen ma 16-03-2026; +6 weken = ma 27-04-2026 Koningsdag -> di 28-04-2026
    pytest.param("klacht", "2026-03-16", {}, "2026-04-28", True, id="klacht-koningsdag-2026"),
    # ontvangen za 15-03-2025; +6 weken = za 26-04-2025 (Koningsdag, want 27-04-2025 is zo); zo 27-04 -> ma 28-04
    pytest.param("klacht", "2025-03-15", {}, "2025-04-28", True, id="klacht-koningsdag-op-26-april-2025"),
    # ontvangen di 24-03-2026; +6 weken = di 05-05-2026 (5 mei, geen lustrumjaar, telt toch) -> wo 06-05-2026
    pytest.param("klacht", "2026-03-24", {}, "2026-05-06", True, id="klacht-5-mei-2026"),
    # ontvangen wo 24-03-2027; +6 weken = wo 05-05-2027; do 06-05-2027 = Hemelvaart -> vr 07-05-2027
    pytest.param("klacht", "2027-03-24", {}, "2027-05-07", True, id="klacht-5-mei-en-hemelvaart-2027"),
    # commissie 10 weken: ontvangen do 05-03-2026; +70 dagen = do 14-05-2026 Hemelvaart -> vr 15-05-2026
    pytest.param("klacht", "2026-03-05", {"committee": True}, "2026-05-15", True, id="klacht-commissie-hemelvaart"),
    # verdaagd 6+4 = 10 weken (<= 12, Atw geldt): ontvangen vr 16-10-2026; +70 = vr 25-12-2026 Kerst;
    # za 26, zo 27 -> ma 28-12-2026
    pytest.param("klacht", "2026-10-16", {"postponed": True}, "2026-12-28", True, id="klacht-verdaagd-kerst"),
    # commissie + verdaging 10+4 = 14 weken > 12: Atw art. 4, geen verlenging. ontvangen ma 16-02-2026;
    # +98 dagen = ma 25-05-2026 (2e Pinksterdag) -> blijft ma 25-05-2026
    pytest.param(
        "klacht", "2026-02-16", {"committee": True, "postponed": True}, "2026-05-25", False,
        id="klacht-commissie-verdaagd-14-weken-geen-atw",
    ),
    # ontvangen vr 20-11-2026; +6 weken = vr 01-01-2027 Nieuwjaar; za, zo -> ma 04-01-2027
    pytest.param("klacht", "2026-11-20", {}, "2027-01-04", True, id="klacht-nieuwjaar-2027"),
    # ontvangen di 14-11-2028; +6 weken = di 26-12-2028 = 2e Kerstdag -> wo 27-12-2028
    pytest.param("klacht", "2028-11-14", {}, "2028-12-27", True, id="klacht-2e-kerstdag-2028"),
    # --- beroep: verweerschrift 4 weeks; Atw ---------------------------------------------------------------
    # ontvangen vr 03-04-2026 (Goede Vrijdag, ontvangst mag); +4 weken = vr 01-05-2026: 1 mei is geen Atw-dag
    pytest.param("beroep", "2026-04-03", {}, "2026-05-01", True, id="beroep-1-mei-geen-feestdag"),
    # ontvangen di 07-04-2026; +4 weken = di 05-05-2026 Bevrijdingsdag -> wo 06-05-2026
    pytest.param("beroep", "2026-04-07", {}, "2026-05-06", True, id="beroep-5-mei-2026"),
    # ontvangen do 08-04-2027; +4 weken = do 06-05-2027 Hemelvaart -> vr 07-05-2027
    pytest.param("beroep", "2027-04-08", {}, "2027-05-07", True, id="beroep-hemelvaart-2027"),
    # ontvangen za 29-03-2031; +4 weken = za 26-04-2031 (Koningsdag; 27-04-2031 is zo); zo 27-04 -> ma 28-04-2031
    pytest.param("beroep", "2031-03-29", {}, "2031-04-28", True, id="beroep-koningsdag-2031"),
    # ontvangen ma 04-12-2028; +4 weken = ma 01-01-2029 Nieuwjaar -> di 02-01-2029
    pytest.param("beroep", "2028-12-04", {}, "2029-01-02", True, id="beroep-nieuwjaar-2029"),
    # --- aanvraag: 8 weeks (Awb 4:13), suspensions (4:15); Atw -------------------------------------------
    # ontvangen ma 02-03-2026; +8 weken = ma 27-04-2026 Koningsdag -> di 28-04-2026
    pytest.param("aanvraag", "2026-03-02", {}, "2026-04-28", True, id="aanvraag-koningsdag-2026"),
    # ontvangen vr 06-02-2026; +8 weken = vr 03-04-2026 Goede Vrijdag; za, zo, ma 06-04 2e Paasdag -> di 07-04
    pytest.param("aanvraag", "2026-02-06", {}, "2026-04-07", True, id="aanvraag-goede-vrijdag-2026"),
    # ontvangen di 06-01-2026; +8 weken = di 03-03-2026; opschorting 20-01 -> 03-02 = 14 dagen -> di 17-03-2026
    pytest.param(
        "aanvraag", "2026-01-06", {"suspensions": [("2026-01-20", "2026-02-03")]}, "2026-03-17", True,
        id="aanvraag-een-opschorting",
    ),
    # ontvangen di 06-01-2026; +8 weken = di 03-03-2026; opschorting 12-01 -> 16-01 = 4 dagen -> za 07-03-2026;
    # zo 08-03 -> ma 09-03-2026
    pytest.param(
        "aanvraag", "2026-01-06", {"suspensions": [("2026-01-12", "2026-01-16")]}, "2026-03-09", True,
        id="aanvraag-opschorting-naar-weekend",
    ),
    # ontvangen ma 16-03-2026; +8 weken = ma 11-05-2026; opschortingen 23-03 -> 30-03 (7) en 13-04 -> 20-04 (7)
    # = 14 dagen -> ma 25-05-2026 2e Pinksterdag -> di 26-05-2026
    pytest.param(
        "aanvraag", "2026-03-16", {"suspensions": [("2026-03-23", "2026-03-30"), ("2026-04-13", "2026-04-20")]},
        "2026-05-26", True, id="aanvraag-twee-opschortingen-pinksteren",
    ),
    # ontvangen do 05-11-2026; +8 weken = do 31-12-2026; opschorting 16-11 -> 17-11 = 1 dag -> vr 01-01-2027
    # Nieuwjaar; za, zo -> ma 04-01-2027
    pytest.param(
        "aanvraag", "2026-11-05", {"suspensions": [("2026-11-16", "2026-11-17")]}, "2027-01-04", True,
        id="aanvraag-opschorting-over-jaargrens",
    ),
    # ontvangen wo 31-10-2029; +8 weken = wo 26-12-2029 = 2e Kerstdag -> do 27-12-2029
    pytest.param("aanvraag", "2029-10-31", {}, "2029-12-27", True, id="aanvraag-2e-kerstdag-2029"),
    # ontvangen do 08-03-2035; +8 weken = do 03-05-2035 Hemelvaart (Pasen 25-03-2035) -> vr 04-05-2035
    pytest.param("aanvraag", "2035-03-08", {}, "2035-05-04", True, id="aanvraag-hemelvaart-2035"),
    # ontvangen di 10-03-2020; +8 weken = di 05-05-2020 Bevrijdingsdag (lustrumjaar) -> wo 06-05-2020
    pytest.param("aanvraag", "2020-03-10", {}, "2020-05-06", True, id="aanvraag-5-mei-2020"),
    # ontvangen vr 02-02-2024; +8 weken = vr 29-03-2024 Goede Vrijdag; za, zo, ma 01-04 2e Paasdag -> di 02-04-2024
    pytest.param("aanvraag", "2024-02-02", {}, "2024-04-02", True, id="aanvraag-pasen-2024"),
    # ontvangen ma 29-03-2021; +8 weken = ma 24-05-2021 2e Pinksterdag -> di 25-05-2021
    pytest.param("aanvraag", "2021-03-29", {}, "2021-05-25", True, id="aanvraag-pinksteren-2021"),
    # --- wmo_melding: onderzoek within 6 weeks (Wmo 2015 art. 2.3.2); Atw -----------------------------------
    # ontvangen do 02-04-2026; +6 weken = do 14-05-2026 Hemelvaart -> vr 15-05-2026
    pytest.param("wmo_melding", "2026-04-02", {}, "2026-05-15", True, id="wmo-melding-hemelvaart-2026"),
    # ontvangen za 16-03-2030; +6 weken = za 27-04-2030 (Koningsdag op za, blijft 27-04); zo 28 -> ma 29-04-2030
    pytest.param("wmo_melding", "2030-03-16", {}, "2030-04-29", True, id="wmo-melding-koningsdag-zaterdag-2030"),
    # ontvangen vr 13-02-2032; +6 weken = vr 26-03-2032 Goede Vrijdag; za, zo, ma 29-03 2e Paasdag -> di 30-03
    pytest.param("wmo_melding", "2032-02-13", {}, "2032-03-30", True, id="wmo-melding-pasen-2032"),
    # ontvangen di 14-11-2034; +6 weken = di 26-12-2034 2e Kerstdag -> wo 27-12-2034
    pytest.param("wmo_melding", "2034-11-14", {}, "2034-12-27", True, id="wmo-melding-2e-kerstdag-2034"),
    # --- wmo_aanvraag: decision within 2 weeks (Wmo 2015 art. 2.3.5); Atw ---------------------------------
    # ontvangen ma 13-04-2026; +2 weken = ma 27-04-2026 Koningsdag -> di 28-04-2026
    pytest.param("wmo_aanvraag", "2026-04-13", {}, "2026-04-28", True, id="wmo-aanvraag-koningsdag-2026"),
    # ontvangen wo 21-04-2027; +2 weken = wo 05-05-2027 Bevrijdingsdag; do 06-05 Hemelvaart -> vr 07-05-2027
    pytest.param("wmo_aanvraag", "2027-04-21", {}, "2027-05-07", True, id="wmo-aanvraag-5-mei-2027"),
    # ontvangen vr 11-12-2026; +2 weken = vr 25-12-2026 Kerst; za 26, zo 27 -> ma 28-12-2026
    pytest.param("wmo_aanvraag", "2026-12-11", {}, "2026-12-28", True, id="wmo-aanvraag-kerst-2026"),
    # ontvangen ma 01-06-2026; +2 weken = ma 15-06-2026; opschorting 03-06 -> 08-06 = 5 dagen -> za 20-06-2026;
    # zo 21 -> ma 22-06-2026
    pytest.param(
        "wmo_aanvraag", "2026-06-01", {"suspensions": [("2026-06-03", "2026-06-08")]}, "2026-06-22", True,
        id="wmo-aanvraag-opschorting",
    ),
    # --- woo: 4 weeks from the day after receipt (Woo 4.4), postponement +2 weeks; Atw ----------------------
    # ontvangen ma 09-03-2026; +4 weken = ma 06-04-2026 2e Paasdag -> di 07-04-2026
    pytest.param("woo", "2026-03-09", {}, "2026-04-07", True, id="woo-2e-paasdag-2026"),
    # verdaagd 4+2 = 6 weken: ontvangen ma 13-04-2026; +42 = ma 25-05-2026 2e Pinksterdag -> di 26-05-2026
    pytest.param("woo", "2026-04-13", {"postponed": True}, "2026-05-26", True, id="woo-verdaagd-pinksteren"),
    # ontvangen do 19-11-2026; +4 weken = do 17-12-2026; opschorting (zienswijze) 01-12 -> 09-12 = 8 dagen
    # -> vr 25-12-2026 Kerst; za, zo -> ma 28-12-2026
    pytest.param(
        "woo", "2026-11-19", {"suspensions": [("2026-12-01", "2026-12-09")]}, "2026-12-28", True,
        id="woo-opschorting-kerst",
    ),
    # ontvangen wo 30-03-2033; +4 weken = wo 27-04-2033 Koningsdag -> do 28-04-2033
    pytest.param("woo", "2033-03-30", {}, "2033-04-28", True, id="woo-koningsdag-2033"),
    # verdaagd: ontvangen ma 02-03-2026; +6 weken = ma 13-04-2026; opschorting 10-03 -> 12-03 = 2 -> wo 15-04-2026
    pytest.param(
        "woo", "2026-03-02", {"postponed": True, "suspensions": [("2026-03-10", "2026-03-12")]}, "2026-04-15",
        True, id="woo-verdaagd-en-opgeschort",
    ),
]
# fmt: on


@pytest.mark.parametrize(("case_type", "received", "options", "expected_due", "expected_atw"), DUE_CASES)
def test_due_date(case_type: str, received: str, options: dict[str, Any], expected_due: str, expected_atw: bool):
    rule = RULES[case_type]
    if "term_weeks" in options:
        rule = rule.with_term(Term(options["term_weeks"]))
    deadline = compute_deadline(
        rule,
        d(received),
        committee=options.get("committee", False),
        postponed=options.get("postponed", False),
        suspensions=_suspensions(options.get("suspensions", [])),
    )
    assert deadline.due == d(expected_due)
    assert deadline.atw_applies is expected_atw
    assert deadline.filing_deadline is None


# ---------------------------------------------------------------------------------------------------------
# bezwaar (Awb 6:7, 6:8, 7:10): filing deadline and decision term.
# Row: decision sent (or None), received, options, expected filing deadline, expected due, "Atw applied".
# ---------------------------------------------------------------------------------------------------------

# fmt: off
BEZWAAR_CASES = [
    # besluit ma 12-01-2026; bezwaartermijn +6 weken = ma 23-02-2026; ontvangen wo 04-02 (op tijd);
    # beslistermijn vanaf di 24-02: 23-02 + 6 weken = ma 06-04-2026 2e Paasdag -> di 07-04-2026
    pytest.param("2026-01-12", "2026-02-04", {}, "2026-02-23", "2026-04-07", True, id="bezwaar-op-tijd-2e-paasdag"),
    # zelfde besluit; ontvangen op de laatste dag ma 23-02-2026: termijn telt nog steeds vanaf 23-02 -> di 07-04-2026
    pytest.param(
        "2026-01-12", "2026-02-23", {}, "2026-02-23", "2026-04-07", True, id="bezwaar-ontvangen-op-laatste-dag",
    ),
    # besluit di 24-03-2026; +6 weken = di 05-05-2026 Bevrijdingsdag -> bezwaartermijn tot wo 06-05-2026;
    # ontvangen do 16-04; beslistermijn 06-05 + 6 weken = wo 17-06-2026
    pytest.param(
        "2026-03-24", "2026-04-16", {}, "2026-05-06", "2026-06-17", True, id="bezwaar-indientermijn-over-5-mei",
    ),
    # commissie 12 weken: besluit do 02-04-2026; +6 weken = do 14-05-2026 Hemelvaart -> vr 15-05-2026;
    # ontvangen ma 11-05; 15-05 + 84 dagen = vr 07-08-2026
    pytest.param(
        "2026-04-02", "2026-05-11", {"committee": True}, "2026-05-15", "2026-08-07", True,
        id="bezwaar-commissie-indientermijn-hemelvaart",
    ),
    # commissie 12 weken (Atw art. 4 dekt 12 weken nog): besluit vr 21-08-2026; indientermijn vr 02-10-2026;
    # ontvangen ma 14-09; 02-10 + 84 = vr 25-12-2026 Kerst; za, zo -> ma 28-12-2026
    pytest.param(
        "2026-08-21", "2026-09-14", {"committee": True}, "2026-10-02", "2026-12-28", True,
        id="bezwaar-commissie-12-weken-kerst",
    ),
    # commissie + verdaging 12+6 = 18 weken > 12: geen Atw (art. 4). besluit ma 12-10-2026; indientermijn
    # ma 23-11-2026; ontvangen wo 28-10; 23-11 + 126 dagen = ma 29-03-2027 (2e Paasdag) -> blijft ma 29-03-2027
    pytest.param(
        "2026-10-12", "2026-10-28", {"committee": True, "postponed": True}, "2026-11-23", "2027-03-29", False,
        id="bezwaar-commissie-verdaagd-18-weken-geen-atw",
    ),
    # verdaagd 6+6 = 12 weken (Atw geldt): besluit ma 11-01-2027; indientermijn ma 22-02-2027; ontvangen
    # vr 29-01; 22-02 + 84 = ma 17-05-2027 2e Pinksterdag (Pasen 28-03-2027) -> di 18-05-2027
    pytest.param(
        "2027-01-11", "2027-01-29", {"postponed": True}, "2027-02-22", "2027-05-18", True,
        id="bezwaar-verdaagd-12-weken-pinksteren",
    ),
    # te laat: besluit di 06-01-2026; indientermijn di 17-02-2026; ontvangen do 02-04-2026 (na de termijn):
    # beslistermijn vanaf ontvangst: 02-04 + 42 = do 14-05-2026 Hemelvaart -> vr 15-05-2026
    pytest.param("2026-01-06", "2026-04-02", {}, "2026-02-17", "2026-05-15", True, id="bezwaar-te-laat-ontvangen"),
    # één dag te laat: besluit ma 12-01-2026; indientermijn ma 23-02; ontvangen di 24-02 -> 24-02 + 42 = di 07-04
    pytest.param("2026-01-12", "2026-02-24", {}, "2026-02-23", "2026-04-07", True, id="bezwaar-een-dag-te-laat"),
    # per post binnen de nawerkingsweek: besluit di 02-06-2026; indientermijn di 14-07-2026; ontvangen
    # vr 17-07 (na de termijn): beslistermijn vanaf ontvangst: 17-07 + 42 = vr 28-08-2026
    pytest.param("2026-06-02", "2026-07-17", {}, "2026-07-14", "2026-08-28", True, id="bezwaar-na-termijn-per-post"),
    # verzenddatum besluit onbekend: vanaf ontvangst di 24-03-2026; +42 = di 05-05-2026 Bevrijdingsdag
    # -> wo 06-05-2026; geen indientermijn
    pytest.param(None, "2026-03-24", {}, None, "2026-05-06", True, id="bezwaar-besluitdatum-onbekend"),
    # herstelverzuim (7:10 lid 2): besluit do 08-01-2026; indientermijn do 19-02-2026; ontvangen ma 26-01;
    # 19-02 + 42 = do 02-04; opschorting 02-03 -> 03-03 = 1 dag -> vr 03-04 Goede Vrijdag; za, zo,
    # ma 06-04 2e Paasdag -> di 07-04-2026
    pytest.param(
        "2026-01-08", "2026-01-26", {"suspensions": [("2026-03-02", "2026-03-03")]}, "2026-02-19", "2026-04-07",
        True, id="bezwaar-opschorting-goede-vrijdag",
    ),
    # verdaagd: besluit do 08-01-2026; indientermijn do 19-02-2026; 19-02 + 12 weken = do 14-05-2026
    # Hemelvaart -> vr 15-05-2026
    pytest.param(
        "2026-01-08", "2026-01-26", {"postponed": True}, "2026-02-19", "2026-05-15", True,
        id="bezwaar-verdaagd-hemelvaart",
    ),
    # verdaagd + twee opschortingen 02-03 -> 05-03 (3) en 16-03 -> 20-03 (4) = 7 dagen: 19-02 + 84 + 7
    # = do 21-05-2026 (werkdag)
    pytest.param(
        "2026-01-08", "2026-01-26",
        {"postponed": True, "suspensions": [("2026-03-02", "2026-03-05"), ("2026-03-16", "2026-03-20")]},
        "2026-02-19", "2026-05-21", True, id="bezwaar-verdaagd-twee-opschortingen",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    ("decision_sent", "received", "options", "expected_filing", "expected_due", "expected_atw"), BEZWAAR_CASES
)
def test_bezwaar_due_date(
    decision_sent: str | None,
    received: str,
    options: dict[str, Any],
    expected_filing: str | None,
    expected_due: str,
    expected_atw: bool,
):
    deadline = compute_deadline(
        RULES["bezwaar"],
        d(received),
        decision_sent=d(decision_sent) if decision_sent else None,
        committee=options.get("committee", False),
        postponed=options.get("postponed", False),
        suspensions=_suspensions(options.get("suspensions", [])),
    )
    assert deadline.filing_deadline == (d(expected_filing) if expected_filing else None)
    assert deadline.due == d(expected_due)
    assert deadline.atw_applies is expected_atw


# ---------------------------------------------------------------------------------------------------------
# bezwaar filing (Awb 6:7, 6:8, 6:9): on time if received by the deadline, or posted by the deadline and
# received within one week after it (the Atw applies to that week).
# Row: decision sent, received, posted, deadline, grace until, on time, on time only by posting.
# ---------------------------------------------------------------------------------------------------------

# fmt: off
FILING_CASES = [
    # besluit di 13-01-2026; +6 weken = di 24-02-2026; nawerking +1 week = di 03-03-2026; ontvangen 24-02: op tijd
    pytest.param(
        "2026-01-13", "2026-02-24", None, "2026-02-24", "2026-03-03", True, False, id="indienen-laatste-dag",
    ),
    # zelfde besluit; ontvangen op de verzenddag zelf di 13-01-2026: op tijd
    pytest.param("2026-01-13", "2026-01-13", None, "2026-02-24", "2026-03-03", True, False, id="indienen-direct"),
    # ontvangen wo 25-02-2026, geen poststempel bekend: te laat
    pytest.param("2026-01-13", "2026-02-25", None, "2026-02-24", "2026-03-03", False, False, id="indienen-dag-te-laat"),
    # ontvangen wo 25-02, gepost di 24-02 (laatste dag), binnen de week tot di 03-03: op tijd per post
    pytest.param(
        "2026-01-13", "2026-02-25", "2026-02-24", "2026-02-24", "2026-03-03", True, True, id="indienen-per-post",
    ),
    # ontvangen di 03-03 (laatste dag van de week), gepost 24-02: op tijd per post
    pytest.param(
        "2026-01-13", "2026-03-03", "2026-02-24", "2026-02-24", "2026-03-03", True, True,
        id="indienen-per-post-laatste-dag",
    ),
    # ontvangen wo 04-03, gepost 24-02: later dan een week na de termijn: te laat
    pytest.param(
        "2026-01-13", "2026-03-04", "2026-02-24", "2026-02-24", "2026-03-03", False, False,
        id="indienen-per-post-te-laat-ontvangen",
    ),
    # ontvangen do 26-02, gepost wo 25-02 (na de termijn): te laat
    pytest.param(
        "2026-01-13", "2026-02-26", "2026-02-25", "2026-02-24", "2026-03-03", False, False,
        id="indienen-te-laat-gepost",
    ),
    # besluit ma 08-02-2027; +6 weken = ma 22-03-2027; +1 week = ma 29-03-2027 2e Paasdag -> di 30-03-2027;
    # gepost ma 22-03, ontvangen di 30-03: op tijd per post
    pytest.param(
        "2027-02-08", "2027-03-30", "2027-03-22", "2027-03-22", "2027-03-30", True, True,
        id="indienen-nawerking-over-2e-paasdag",
    ),
    # zelfde; ontvangen wo 31-03-2027: te laat
    pytest.param(
        "2027-02-08", "2027-03-31", "2027-03-22", "2027-03-22", "2027-03-30", False, False,
        id="indienen-nawerking-over-2e-paasdag-te-laat",
    ),
    # besluit do 26-03-2026; +6 weken = do 07-05-2026; +1 week = do 14-05-2026 Hemelvaart -> vr 15-05-2026;
    # gepost do 07-05, ontvangen vr 15-05: op tijd per post
    pytest.param(
        "2026-03-26", "2026-05-15", "2026-05-07", "2026-05-07", "2026-05-15", True, True,
        id="indienen-nawerking-over-hemelvaart",
    ),
    # besluit vr 13-11-2026; +6 weken = vr 25-12-2026 Kerst; za, zo -> ma 28-12-2026; +1 week = ma 04-01-2027;
    # ontvangen ma 28-12: op tijd
    pytest.param(
        "2026-11-13", "2026-12-28", None, "2026-12-28", "2027-01-04", True, False, id="indienen-termijn-over-kerst",
    ),
    # besluit vr 20-11-2026; +6 weken = vr 01-01-2027 Nieuwjaar; za, zo -> ma 04-01-2027; +1 week = ma 11-01;
    # gepost za 02-01 (vóór het einde), ontvangen ma 11-01: op tijd per post
    pytest.param(
        "2026-11-20", "2027-01-11", "2027-01-02", "2027-01-04", "2027-01-11", True, True,
        id="indienen-termijn-over-nieuwjaar-per-post",
    ),
    # besluit di 24-03-2026; +6 weken = di 05-05-2026 Bevrijdingsdag -> wo 06-05-2026; +1 week = wo 13-05;
    # ontvangen wo 06-05: op tijd
    pytest.param(
        "2026-03-24", "2026-05-06", None, "2026-05-06", "2026-05-13", True, False, id="indienen-termijn-over-5-mei",
    ),
]
# fmt: on


@pytest.mark.parametrize(
    ("decision_sent", "received", "posted", "deadline", "grace_until", "on_time", "by_posting"), FILING_CASES
)
def test_filing_check(
    decision_sent: str,
    received: str,
    posted: str | None,
    deadline: str,
    grace_until: str,
    on_time: bool,
    by_posting: bool,
):
    filing = filing_check(d(decision_sent), d(received), d(posted) if posted else None)
    assert filing.deadline == d(deadline)
    assert filing.grace_until == d(grace_until)
    assert filing.on_time is on_time
    assert filing.by_posting is by_posting


# ---------------------------------------------------------------------------------------------------------
# Penalty (Awb 4:17). Row: due, notice of default received, on, first day (None = premature), days,
# amount in euros, maximum reached on.
# Most rows use due di 07-04-2026 (aanvraag ontvangen vr 06-02-2026, see DUE_CASES) and a notice received
# wo 15-04-2026: first day 15-04 + 14 = wo 29-04-2026; maximum on 29-04 + 41 = di 09-06-2026.
# ---------------------------------------------------------------------------------------------------------

# fmt: off
PENALTY_CASES = [
    # peildatum di 28-04-2026, de dag vóór de eerste dag: 0 dagen, € 0
    pytest.param("2026-04-07", "2026-04-15", "2026-04-28", "2026-04-29", 0, 0, "2026-06-09", id="dwangsom-nog-niet"),
    # peildatum wo 29-04 = dag 1: € 23
    pytest.param("2026-04-07", "2026-04-15", "2026-04-29", "2026-04-29", 1, 23, "2026-06-09", id="dwangsom-dag-1"),
    # peildatum di 12-05: 29-04 t/m 12-05 = 2 + 12 = dag 14: 14 × 23 = € 322
    pytest.param("2026-04-07", "2026-04-15", "2026-05-12", "2026-04-29", 14, 322, "2026-06-09", id="dwangsom-dag-14"),
    # peildatum wo 13-05 = dag 15: 322 + 35 = € 357
    pytest.param("2026-04-07", "2026-04-15", "2026-05-13", "2026-04-29", 15, 357, "2026-06-09", id="dwangsom-dag-15"),
    # peildatum ma 18-05 = dag 20: 322 + 6 × 35 = € 532
    pytest.param("2026-04-07", "2026-04-15", "2026-05-18", "2026-04-29", 20, 532, "2026-06-09", id="dwangsom-dag-20"),
    # peildatum di 26-05 = dag 28: 322 + 14 × 35 = € 812
    pytest.param("2026-04-07", "2026-04-15", "2026-05-26", "2026-04-29", 28, 812, "2026-06-09", id="dwangsom-dag-28"),
    # peildatum wo 27-05 = dag 29: 812 + 45 = € 857
    pytest.param("2026-04-07", "2026-04-15", "2026-05-27", "2026-04-29", 29, 857, "2026-06-09", id="dwangsom-dag-29"),
    # peildatum di 09-06 = dag 42: 812 + 14 × 45 = € 1.442 (maximum)
    pytest.param("2026-04-07", "2026-04-15", "2026-06-09", "2026-04-29", 42, 1442, "2026-06-09", id="dwangsom-dag-42"),
    # peildatum wo 10-06 = dag 43: nog steeds maximaal 42 dagen, € 1.442
    pytest.param(
        "2026-04-07", "2026-04-15", "2026-06-10", "2026-04-29", 42, 1442, "2026-06-09", id="dwangsom-dag-43-maximum",
    ),
    # peildatum do 31-12-2026, lang na het maximum: € 1.442
    pytest.param(
        "2026-04-07", "2026-04-15", "2026-12-31", "2026-04-29", 42, 1442, "2026-06-09", id="dwangsom-eind-van-jaar",
    ),
    # ingebrekestelling ontvangen op de uiterste datum di 07-04-2026 zelf: de termijn is nog niet verstreken,
    # dus voorbarig: geen dwangsom
    pytest.param("2026-04-07", "2026-04-07", "2026-06-09", None, 0, 0, None, id="dwangsom-voorbarig-op-uiterste-dag"),
    # ingebrekestelling vr 20-03-2026, ruim vóór de uiterste datum: voorbarig
    pytest.param("2026-04-07", "2026-03-20", "2026-06-09", None, 0, 0, None, id="dwangsom-voorbarig-ruim-ervoor"),
    # ingebrekestelling wo 08-04, de dag na de uiterste datum: eerste dag 08-04 + 14 = wo 22-04-2026;
    # maximum 22-04 + 41 = di 02-06-2026; peildatum 22-04 = dag 1: € 23
    pytest.param(
        "2026-04-07", "2026-04-08", "2026-04-22", "2026-04-22", 1, 23, "2026-06-02", id="dwangsom-dag-na-uiterste-dag",
    ),
    # Atw geldt niet voor de dwangsomdagen: ingebrekestelling ma 13-04-2026 -> eerste dag ma 27-04-2026
    # (Koningsdag, schuift niet); maximum 27-04 + 41 = zo 07-06-2026 (schuift niet); peildatum 27-04: € 23
    pytest.param(
        "2026-04-07", "2026-04-13", "2026-04-27", "2026-04-27", 1, 23, "2026-06-07", id="dwangsom-geen-atw",
    ),
    # Wmo-aanvraag uiterste datum di 28-04-2026 (zie DUE_CASES); ingebrekestelling do 30-04 -> eerste dag
    # do 14-05-2026 (Hemelvaart, schuift niet); peildatum do 28-05 = dag 15: € 357; maximum 14-05 + 41 = wo 24-06
    pytest.param(
        "2026-04-28", "2026-04-30", "2026-05-28", "2026-05-14", 15, 357, "2026-06-24", id="dwangsom-wmo-aanvraag",
    ),
]
# fmt: on


@pytest.mark.parametrize(("due", "notice", "on", "first_day", "days", "amount", "max_reached_on"), PENALTY_CASES)
def test_penalty(
    due: str, notice: str, on: str, first_day: str | None, days: int, amount: int, max_reached_on: str | None
):
    penalty = compute_penalty(d(due), d(notice), d(on))
    assert penalty.premature is (first_day is None)
    assert penalty.first_day == (d(first_day) if first_day else None)
    assert penalty.max_reached_on == (d(max_reached_on) if max_reached_on else None)
    assert penalty.days == days
    assert penalty.amount == amount
    assert penalty.maximum == 1442


# ---------------------------------------------------------------------------------------------------------
# Status: working_days_left = working days in (on, due]; te_laat when on > due; dreigt when 0..5 left.
# Row: due, on, state, working days left, calendar days left.
# ---------------------------------------------------------------------------------------------------------

# fmt: off
STATUS_CASES = [
    # uiterste datum di 07-04-2026; op di 24-03: 25, 26, 27, 30, 31-03, 01, 02-04 (7), vr 03-04 Goede Vrijdag
    # en ma 06-04 2e Paasdag tellen niet, di 07-04 (8) -> 8 werkdagen, op tijd
    pytest.param("2026-04-07", "2026-03-24", State.OP_TIJD, 8, 14, id="status-op-tijd-over-pasen"),
    # op do 26-03: 27, 30, 31, 01, 02, 07 = 6 -> op tijd
    pytest.param("2026-04-07", "2026-03-26", State.OP_TIJD, 6, 12, id="status-op-tijd-6-werkdagen"),
    # op vr 27-03: 30, 31, 01, 02, 07 = 5 -> dreigt (grens)
    pytest.param("2026-04-07", "2026-03-27", State.DREIGT, 5, 11, id="status-dreigt-5-werkdagen"),
    # op ma 30-03: 31, 01, 02, 07 = 4 -> dreigt
    pytest.param("2026-04-07", "2026-03-30", State.DREIGT, 4, 8, id="status-dreigt-4-werkdagen"),
    # op do 02-04: alleen di 07-04 = 1 -> dreigt
    pytest.param("2026-04-07", "2026-04-02", State.DREIGT, 1, 5, id="status-dreigt-voor-pasen"),
    # op ma 06-04 (2e Paasdag): di 07-04 = 1 -> dreigt
    pytest.param("2026-04-07", "2026-04-06", State.DREIGT, 1, 1, id="status-dreigt-op-2e-paasdag"),
    # op di 07-04, de uiterste dag zelf: 0 -> dreigt
    pytest.param("2026-04-07", "2026-04-07", State.DREIGT, 0, 0, id="status-dreigt-op-uiterste-dag"),
    # op wo 08-04: te laat; (07-04, 08-04] = 1 werkdag -> -1
    pytest.param("2026-04-07", "2026-04-08", State.TE_LAAT, -1, -1, id="status-te-laat-1-dag"),
    # op di 14-04: te laat; 08, 09, 10, 13, 14 = 5 -> -5, 7 kalenderdagen
    pytest.param("2026-04-07", "2026-04-14", State.TE_LAAT, -5, -7, id="status-te-laat-week"),
    # vraag uiterste datum zo 24-05-2026 (geen Atw); op vr 22-05: za 23, zo 24 geen werkdagen -> 0, dreigt
    pytest.param("2026-05-24", "2026-05-22", State.DREIGT, 0, 2, id="status-zondag-dreigt-0"),
    # op ma 25-05 (2e Pinksterdag): na de uiterste dag -> te laat, maar (24-05, 25-05] bevat geen werkdag -> 0
    pytest.param("2026-05-24", "2026-05-25", State.TE_LAAT, 0, -1, id="status-te-laat-op-feestdag"),
    # op di 26-05: te laat; (24-05, 26-05] = di 26-05 -> -1
    pytest.param("2026-05-24", "2026-05-26", State.TE_LAAT, -1, -2, id="status-te-laat-na-pinksteren"),
    # uiterste datum ma 28-12-2026; op do 17-12: 18, 21, 22, 23, 24 (5), vr 25 Kerst, za 26, zo 27, ma 28 (6)
    # -> 6, op tijd
    pytest.param("2026-12-28", "2026-12-17", State.OP_TIJD, 6, 11, id="status-op-tijd-over-kerst"),
    # op vr 18-12: 21, 22, 23, 24, 28 = 5 -> dreigt
    pytest.param("2026-12-28", "2026-12-18", State.DREIGT, 5, 10, id="status-dreigt-over-kerst"),
    # klacht uiterste datum di 26-05-2026; op vr 01-05: 04, 06, 07, 08 (5 mei telt niet) = 4; 11, 12, 13, 15
    # (14 Hemelvaart niet) = 8; 18-22 = 13; 25 Pinksteren niet; 26 = 14 -> op tijd
    pytest.param("2026-05-26", "2026-05-01", State.OP_TIJD, 14, 25, id="status-op-tijd-mei-feestdagen"),
]
# fmt: on


@pytest.mark.parametrize(("due", "on", "state", "working_days_left", "days_left"), STATUS_CASES)
def test_status(due: str, on: str, state: State, working_days_left: int, days_left: int):
    status = deadline_status(d(due), d(on))
    assert status.state is state
    assert status.working_days_left == working_days_left
    assert status.days_left == days_left


# ---------------------------------------------------------------------------------------------------------
# The command line, JSON output. Row: argv, the expected subset of the JSON (penalty compared key by key).
# ---------------------------------------------------------------------------------------------------------

# fmt: off
CLI_CASES = [
    # klacht ontvangen zo 12-04-2026; +6 weken = zo 24-05; ma 25-05 2e Pinksterdag -> di 26-05-2026;
    # op vr 01-05 nog 14 werkdagen (zie status-op-tijd-mei-feestdagen)
    pytest.param(
        ["klacht", "--received", "2026-04-12", "--on", "2026-05-01"],
        {"type": "klacht", "start": "2026-04-13", "due": "2026-05-26", "atw_applied": True, "status": "op_tijd",
         "working_days_left": 14},
        id="cli-klacht-pinksteren",
    ),
    # vraag ontvangen zo 12-04-2026; +6 weken = zo 24-05-2026, geen Atw; op ma 25-05 te laat
    pytest.param(
        ["vraag", "--received", "2026-04-12", "--on", "2026-05-25"],
        {"type": "vraag", "start": "2026-04-13", "due": "2026-05-24", "atw_applied": False, "status": "te_laat"},
        id="cli-vraag-zondag",
    ),
    # terugbelverzoek do 02-04-2026; vr 03-04 GV, za, zo, ma 06-04 2e Paasdag; di 07 = 1, wo 08 = 2
    pytest.param(
        ["terugbelverzoek", "--received", "2026-04-02", "--on", "2026-04-02"],
        {"type": "terugbelverzoek", "start": "2026-04-03", "due": "2026-04-08", "atw_applied": False},
        id="cli-terugbel-pasen",
    ),
    # bezwaar: besluit ma 12-01-2026 -> indientermijn ma 23-02-2026; beslistermijn vanaf di 24-02;
    # 23-02 + 42 = ma 06-04 2e Paasdag -> di 07-04-2026; ingebrekestelling wo 15-04 -> eerste dag wo 29-04;
    # op di 26-05 = dag 28: € 812; maximum di 09-06-2026
    pytest.param(
        ["bezwaar", "--received", "2026-02-04", "--decision-sent", "2026-01-12", "--default-notice", "2026-04-15",
         "--on", "2026-05-26"],
        {"type": "bezwaar", "filing_deadline": "2026-02-23", "start": "2026-02-24", "due": "2026-04-07",
         "atw_applied": True, "penalty": {"first_day": "2026-04-29", "amount": 812, "max_reached_on": "2026-06-09"}},
        id="cli-bezwaar-dwangsom-dag-28",
    ),
    # bezwaar zonder besluitdatum: vanaf ontvangst di 24-03-2026; +42 = di 05-05 -> wo 06-05-2026
    pytest.param(
        ["bezwaar", "--received", "2026-03-24", "--on", "2026-04-01"],
        {"type": "bezwaar", "filing_deadline": None, "start": "2026-03-25", "due": "2026-05-06", "atw_applied": True},
        id="cli-bezwaar-besluitdatum-onbekend",
    ),
    # bezwaar commissie + verdaagd (18 weken, geen Atw): indientermijn ma 23-11-2026; +126 = ma 29-03-2027
    pytest.param(
        ["bezwaar", "--received", "2026-10-28", "--decision-sent", "2026-10-12", "--committee", "--postponed",
         "--on", "2026-11-01"],
        {"type": "bezwaar", "filing_deadline": "2026-11-23", "start": "2026-11-24", "due": "2027-03-29",
         "atw_applied": False},
        id="cli-bezwaar-commissie-verdaagd",
    ),
    # aanvraag ma 16-03-2026 + twee opschortingen (14 dagen): ma 25-05 -> di 26-05-2026; ingebrekestelling
    # op di 26-05 zelf: voorbarig, geen dwangsom
    pytest.param(
        ["aanvraag", "--received", "2026-03-16", "--suspension", "2026-03-23:2026-03-30", "--suspension",
         "2026-04-13:2026-04-20", "--default-notice", "2026-05-26", "--on", "2026-07-01"],
        {"type": "aanvraag", "due": "2026-05-26", "atw_applied": True,
         "penalty": {"premature": True, "first_day": None, "amount": 0, "max_reached_on": None}},
        id="cli-aanvraag-opschortingen-voorbarig",
    ),
    # aanvraag vr 06-02-2026 -> di 07-04-2026; ingebrekestelling wo 15-04; op wo 01-07 (na 09-06): € 1.442
    pytest.param(
        ["aanvraag", "--received", "2026-02-06", "--default-notice", "2026-04-15", "--on", "2026-07-01"],
        {"type": "aanvraag", "start": "2026-02-07", "due": "2026-04-07",
         "penalty": {"first_day": "2026-04-29", "amount": 1442, "max_reached_on": "2026-06-09"}},
        id="cli-aanvraag-dwangsom-maximum",
    ),
    # wmo_aanvraag ma 13-04-2026 -> ma 27-04 Koningsdag -> di 28-04; ingebrekestelling do 30-04 -> eerste dag
    # do 14-05; op do 28-05 = dag 15: € 357; maximum wo 24-06-2026
    pytest.param(
        ["wmo_aanvraag", "--received", "2026-04-13", "--default-notice", "2026-04-30", "--on", "2026-05-28"],
        {"type": "wmo_aanvraag", "due": "2026-04-28", "atw_applied": True,
         "penalty": {"first_day": "2026-05-14", "amount": 357, "max_reached_on": "2026-06-24"}},
        id="cli-wmo-aanvraag-dwangsom-dag-15",
    ),
    # woo verdaagd: ma 13-04-2026 + 6 weken = ma 25-05 2e Pinksterdag -> di 26-05-2026
    pytest.param(
        ["woo", "--received", "2026-04-13", "--postponed", "--on", "2026-04-14"],
        {"type": "woo", "start": "2026-04-14", "due": "2026-05-26", "atw_applied": True},
        id="cli-woo-verdaagd",
    ),
]
# fmt: on


@pytest.mark.parametrize(("argv", "expected"), CLI_CASES)
def test_cli_json(argv: list[str], expected: dict[str, Any], capsys: pytest.CaptureFixture[str]):
    assert main([*argv, "--format", "json"]) == 0
    output = json.loads(capsys.readouterr().out)
    for key, value in expected.items():
        if key == "penalty":
            assert {k: output["penalty"][k] for k in value} == value
        else:
            assert output[key] == value, key


@pytest.mark.parametrize(
    "case_type",
    [
        pytest.param("klacht", id="cli-geen-dwangsom-klacht"),
        pytest.param("woo", id="cli-geen-dwangsom-woo"),
        pytest.param("vraag", id="cli-geen-dwangsom-vraag"),
    ],
)
def test_cli_no_penalty_outside_4_17(case_type: str, capsys: pytest.CaptureFixture[str]):
    # Awb 4:17 (and 7:14) only covers applications and objections: any other type is refused (exit 2).
    argv = [case_type, "--received", "2026-01-05", "--default-notice", "2026-04-01", "--on", "2026-05-01"]
    assert main([*argv, "--format", "json"]) == 2
    assert "dwangsom" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------------
# The Atw holiday calendar itself, typed by hand from Atw art. 3 and the Easter dates above.
# Per year: Goede Vrijdag, 2e Paasdag, Koningsdag, Hemelvaart, 2e Pinksterdag (the fixed days are added).
# ---------------------------------------------------------------------------------------------------------

MOVABLE_HOLIDAYS = {
    2020: ("04-10", "04-13", "04-27", "05-21", "06-01"),
    2021: ("04-02", "04-05", "04-27", "05-13", "05-24"),
    2022: ("04-15", "04-18", "04-27", "05-26", "06-06"),
    2023: ("04-07", "04-10", "04-27", "05-18", "05-29"),
    2024: ("03-29", "04-01", "04-27", "05-09", "05-20"),
    2025: ("04-18", "04-21", "04-26", "05-29", "06-09"),  # 27-04-2025 is a Sunday: Koningsdag za 26-04
    2026: ("04-03", "04-06", "04-27", "05-14", "05-25"),
    2027: ("03-26", "03-29", "04-27", "05-06", "05-17"),
    2028: ("04-14", "04-17", "04-27", "05-25", "06-05"),
    2029: ("03-30", "04-02", "04-27", "05-10", "05-21"),
    2030: ("04-19", "04-22", "04-27", "05-30", "06-10"),
    2031: ("04-11", "04-14", "04-26", "05-22", "06-02"),  # 27-04-2031 is a Sunday: Koningsdag za 26-04
    2032: ("03-26", "03-29", "04-27", "05-06", "05-17"),
    2033: ("04-15", "04-18", "04-27", "05-26", "06-06"),
    2034: ("04-07", "04-10", "04-27", "05-18", "05-29"),
    2035: ("03-23", "03-26", "04-27", "05-03", "05-14"),
}


@pytest.mark.parametrize("year", sorted(MOVABLE_HOLIDAYS))
def test_atw_holiday_table(year: int):
    fixed = ("01-01", "05-05", "12-25", "12-26")  # 5 May every year (Atw art. 3 lid 1), not only lustrum years
    expected = {d(f"{year}-{day}") for day in (*MOVABLE_HOLIDAYS[year], *fixed)}
    assert set(atw_holidays(year)) == expected
