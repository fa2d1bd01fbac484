"""Reads for the intake: finding a resident as you type, and likely duplicates of a new resident.

Residents offered for a choice come from `visible_residents(user)` only. The duplicate check looks at
every resident of the organisation, but `likely_duplicates` splits the matches so a page can name the
visible ones and only hint at the others (need-to-know, DOMAIN.md §7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace

from casus.access.permissions import visible_residents
from casus.cases.models import Organisation, Resident
from casus.privacy.selectors import search_filter

SEARCH_LIMIT = 10
MIN_TERM = 2
_NOT_DIGITS = re.compile(r"\D")
_PHONE = re.compile(r"^\+?[\d\s-]+$")


def normalise_postcode(value: str) -> str:
    """'1312 ab' -> '1312AB', the form Casus stores."""
    return value.replace(" ", "").upper()


def _phone_filter(term: str) -> Q:
    """A phone number typed with or without dashes and spaces: 06-12345678 finds 0612345678."""
    digits = _NOT_DIGITS.sub("", term)
    if not _PHONE.match(term) or len(digits) < 6:
        return Q(pk__in=[])
    return Q(phone_digits__contains=digits)


def choosable_residents(*, user: Any) -> QuerySet[Resident]:
    """The residents `user` may pick for a new case: visible, and not merged into another."""
    return visible_residents(user).filter(merged_into__isnull=True)


def intake_residents(*, user: Any, term: str) -> QuerySet[Resident]:
    """Residents `user` may see that match a name, postcode, e-mail address, phone number or BSN."""
    term = " ".join(term.split())
    if len(term) < MIN_TERM:
        return Resident.objects.none()
    phone_digits = Replace(Replace("phone", Value("-"), Value("")), Value(" "), Value(""))
    return (
        choosable_residents(user=user)
        .annotate(phone_digits=phone_digits)
        .filter(search_filter(term) | _phone_filter(term))
        .order_by("surname", "given_name", "pk")[:SEARCH_LIMIT]
    )


@dataclass
class Duplicates:
    visible: list[Resident] = field(default_factory=list)
    hidden: int = 0  # matches the user may not see: only their existence is hinted at

    def __bool__(self) -> bool:
        return bool(self.visible or self.hidden)


def likely_duplicates(
    *, user: Any, organisation: Organisation, surname: str, postcode: str, bsn: str, email: str
) -> Duplicates:
    """Residents of the organisation with the same surname and postcode, the same BSN or the same
    e-mail address as a resident about to be created."""
    match = Q(pk__in=[])
    if surname.strip() and postcode.strip():
        match |= Q(surname__iexact=surname.strip(), postcode__iexact=normalise_postcode(postcode))
    if bsn:
        match |= Q(bsn=bsn)
    if email.strip():
        match |= Q(email__iexact=email.strip())
    found = Resident.objects.filter(organisation=organisation, merged_into__isnull=True).filter(match)
    visible = list(visible_residents(user, found).order_by("surname", "given_name", "pk")[:SEARCH_LIMIT])
    hidden = found.exclude(pk__in=visible_residents(user, found).values("pk")).count()
    return Duplicates(visible=visible, hidden=hidden)
