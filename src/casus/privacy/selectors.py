"""Reads for the privacy desk. Every resident query starts at casus.access.permissions.visible_residents."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casus.access.permissions import access_for, visible_cases, visible_residents
from casus.cases.domain import TeamRole
from casus.cases.models import Case, Resident

from .models import Correction, DataRequest, Merge

SEARCH_LIMIT = 50
POSTCODE = re.compile(r"^(\d{4})\s?([A-Za-z]{2})$")
BSN = re.compile(r"^\d{9}$")
WARNING_DAYS = 7  # a request is shown as 'dreigt' this many days before its due date


def desk_residents(user: Any) -> QuerySet[Resident]:
    """The residents of the organisations `user` is privacy officer of."""
    orgs = access_for(user).org_ids(TeamRole.PRIVACY)
    return visible_residents(user).filter(organisation_id__in=orgs)


def search_filter(term: str) -> Q:
    """Name (every word), postcode, e-mail address, BSN (exactly 9 digits, never part of one) or the
    id in the source system."""
    term = " ".join(term.split())
    compact = term.replace(" ", "").replace(".", "")
    if BSN.match(compact):
        return Q(bsn=compact) | Q(source_id__iexact=term)
    if match := POSTCODE.match(term):
        digits, letters = match.group(1), match.group(2).upper()
        return Q(postcode__iexact=f"{digits}{letters}") | Q(postcode__iexact=f"{digits} {letters}")
    if "@" in term:
        return Q(email__iexact=term) | Q(source_id__iexact=term)
    words = Q()
    for word in term.split():
        words &= (
            Q(surname__icontains=word) | Q(given_name__icontains=word) | Q(initials__iexact=word)
            | Q(surname_prefix__iexact=word)
        )  # fmt: skip
    return words | Q(source_id__iexact=term)


def residents_search(user: Any, term: str, *, queryset: QuerySet[Resident] | None = None) -> QuerySet[Resident]:
    queryset = desk_residents(user) if queryset is None else queryset
    if not term.strip():
        return queryset.none()
    return (
        queryset.filter(search_filter(term))
        .select_related("merged_into")
        .annotate(case_count=Count("cases", distinct=True))
        .order_by("surname", "given_name", "pk")[:SEARCH_LIMIT]
    )


def resident_cases(user: Any, resident: Resident, *, all_cases: bool) -> QuerySet[Case]:
    """The cases of a resident and their merged duplicates: all for the privacy officer (to answer a
    request), otherwise only those `user` may see."""
    ids = [resident.pk, *resident.merged_duplicates.values_list("pk", flat=True)]
    cases = Case.objects.filter(resident_id__in=ids)
    if not all_cases:
        cases = visible_cases(user, cases)
    return cases.select_related("team").order_by("-received_on", "-pk")


def resident_history(resident: Resident) -> dict[str, Any]:
    return {
        "corrections": Correction.objects.filter(resident=resident).order_by("-at", "-pk"),
        "merges": Merge.objects.filter(Q(keep=resident) | Q(duplicate=resident)).select_related("keep", "duplicate"),
        "requests": DataRequest.objects.filter(resident=resident).order_by("-received_on", "-pk"),
        "duplicates": resident.merged_duplicates.order_by("pk"),
    }


def open_requests(user: Any) -> QuerySet[DataRequest]:
    orgs = access_for(user).org_ids(TeamRole.PRIVACY)
    return (
        DataRequest.objects.filter(organisation_id__in=orgs, handled_on__isnull=True)
        .select_related("resident")
        .order_by("due_on", "pk")
    )


def handled_requests(user: Any, *, limit: int = 20) -> QuerySet[DataRequest]:
    orgs = access_for(user).org_ids(TeamRole.PRIVACY)
    return (
        DataRequest.objects.filter(organisation_id__in=orgs, handled_on__isnull=False)
        .select_related("resident", "handled_by")
        .order_by("-handled_on", "-pk")[:limit]
    )


def request_state(request: DataRequest, today: date | None = None) -> str:
    """'te_laat', 'dreigt' or 'op_tijd' for an open request (handled ones: 'afgehandeld')."""
    if request.handled_on is not None:
        return "afgehandeld"
    today = today or timezone.localdate()
    if today > request.due_on:
        return "te_laat"
    return "dreigt" if (request.due_on - today).days <= WARNING_DAYS else "op_tijd"
