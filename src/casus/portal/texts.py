"""The portal's plain-language words per case type (B1): what the resident sent, what happens next and
what the status page says. One place, so the receipt page, the e-mail and the status page agree."""

from __future__ import annotations

from datetime import date

from casus.cases.domain import CaseType
from casus.deadlines.explain import long_dutch_date

NOUN = {
    CaseType.KLACHT: "klacht",
    CaseType.VRAAG: "vraag",
    CaseType.TERUGBELVERZOEK: "verzoek om terug te bellen",
    CaseType.BEZWAAR: "bezwaar",
}


def long_date(day: date) -> str:
    """'dinsdag 14 april 2026', whatever language the browser asks for."""
    return long_dutch_date(day)


def noun(case_type: str) -> str:
    return NOUN.get(case_type, "zaak")


def next_steps(case_type: str, due: date, *, late: bool = False) -> list[str]:
    """What happens after the form was sent, in the order it happens."""
    when = long_date(due)
    if case_type == CaseType.KLACHT:
        return [
            "U krijgt van ons een ontvangstbevestiging van uw klacht.",
            "Een medewerker die niet zelf bij de klacht betrokken was, behandelt uw klacht. "
            "Meestal bellen wij u eerst om te horen wat er is gebeurd.",
            f"U krijgt uiterlijk {when} een antwoord. Dat is binnen 6 weken, zoals de wet zegt.",
        ]
    if case_type == CaseType.TERUGBELVERZOEK:
        return [f"Een medewerker belt u uiterlijk {when} terug."]
    if case_type == CaseType.BEZWAAR:
        steps = []
        if late:
            steps.append(
                "Uw bezwaar is te laat. Wij kijken of u een goede reden had om te laat te zijn. "
                "Is dat zo, dan behandelen wij uw bezwaar gewoon."
            )
        steps += [
            "Een medewerker bekijkt uw bezwaar. Misschien nodigen wij u uit voor een gesprek (een hoorzitting).",
            f"U krijgt uiterlijk {when} een beslissing op uw bezwaar.",
        ]
        return steps
    return ["Een medewerker beantwoordt uw vraag.", f"U krijgt uiterlijk {when} antwoord."]
