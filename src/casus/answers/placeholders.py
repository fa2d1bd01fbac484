"""The placeholders of a standard answer ({naam}, {kenmerk}, ...), filled from the case. Plain text on
purpose: the library's keepers write no template language, and nothing in a text can run code."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils import timezone

from casus.cases.models import Case
from casus.deadlines.explain import dutch_date

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def _phone(case: Case) -> str:
    return (case.team.phone if case.team else "") or case.organisation.phone


def _handler(case: Case) -> str:
    return case.handler.get_full_name() or case.handler.get_username() if case.handler else ""


def _name(case: Case) -> str:
    return case.resident.full_name if case.resident else ""


# name -> (what it is, in Dutch, for the editor's help text; how it is filled from a case)
PLACEHOLDERS: dict[str, tuple[str, Callable[[Case], str]]] = {
    "naam": ("naam van de inwoner", _name),
    "kenmerk": ("kenmerk van de zaak", lambda case: case.reference),
    "behandelaar": ("naam van de behandelaar", _handler),
    "team": ("naam van het team", lambda case: case.team.name if case.team else ""),
    "telefoon": ("telefoonnummer van het team", _phone),
    "organisatie": ("naam van de organisatie", lambda case: case.organisation.name),
    "ontvangen": ("datum van ontvangst", lambda case: dutch_date(case.received_on, weekday=False)),
    "uiterste_datum": ("uiterste datum van de zaak", lambda case: dutch_date(case.due_on, weekday=False)),
    "datum": ("datum van vandaag", lambda case: dutch_date(timezone.localdate(), weekday=False)),
}
# What a placeholder becomes when the case has no value for it: readable, so the text still works.
FALLBACKS = {
    "naam": "heer of mevrouw",
    "behandelaar": "uw behandelaar",
    "team": "ons team",
    "telefoon": "het nummer op onze website",
}


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})


def fill(text: str, case: Case) -> str:
    """The text with every known placeholder filled from `case`; unknown ones stay as written, so the
    handler sees them and fills them in."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            return match.group(0)
        return PLACEHOLDERS[name][1](case) or FALLBACKS.get(name, "")

    return PLACEHOLDER.sub(replace, text)


def help_text() -> str:
    return "Invulvelden: " + ", ".join(f"{{{name}}} ({what})" for name, (what, _) in PLACEHOLDERS.items()) + "."
