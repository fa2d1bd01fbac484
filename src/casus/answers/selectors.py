"""Reads of the standard answers: the library a keeper may edit, and the answers offered on a case,
most used for the case's subject first (SQL counts over StandardAnswerUse)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value

from casus.access.permissions import organisations_for
from casus.cases.models import Case

from .models import StandardAnswer

PICKER_SIZE = 6


def available_to(organisation_id: int) -> Q:
    """An organisation's own answers and the shared library."""
    return Q(organisation_id=organisation_id) | Q(organisation__isnull=True)


def _search(answers: QuerySet[StandardAnswer], query: str) -> QuerySet[StandardAnswer]:
    for word in query.split()[:5]:
        answers = answers.filter(Q(title__icontains=word) | Q(text__icontains=word))
    return answers


def library(*, user: Any, query: str = "") -> QuerySet[StandardAnswer]:
    """The answers a keeper sees on the library page: those of the organisations where they keep the
    library, and the shared ones; with how often each was used."""
    orgs = organisations_for(user, "answers.manage") or frozenset()
    answers = StandardAnswer.objects.filter(Q(organisation_id__in=orgs) | Q(organisation__isnull=True))
    answers = _search(answers, query).annotate(use_count=Count("uses"))
    return (
        answers.select_related("organisation", "updated_by")
        .prefetch_related("subjects")
        .order_by("-active", "title", "id")
    )


def answers_for_case(*, case: Case, query: str = "") -> QuerySet[StandardAnswer]:
    """Active answers for the case's organisation and type; the answers most used on cases with the
    same subject first, then the ones made for that subject, then the most used overall."""
    answers = StandardAnswer.objects.filter(available_to(case.organisation_id), active=True)
    answers = answers.filter(Q(case_types="") | Q(case_types__contains=f",{case.case_type},"))
    subject_links = StandardAnswer.subjects.through.objects.filter(
        standardanswer_id=OuterRef("pk"), category_id=case.subject_id
    )
    subject_uses: Any = Value(0, output_field=IntegerField())
    if case.subject_id is not None:
        subject_uses = Count("uses", filter=Q(uses__case__subject_id=case.subject_id))
    answers = _search(answers, query).annotate(
        subject_uses=subject_uses, all_uses=Count("uses"), for_subject=Exists(subject_links)
    )
    return answers.order_by("-subject_uses", "-for_subject", "-all_uses", "title", "id")


def answer_for_case(*, case: Case, answer_id: Any) -> StandardAnswer | None:
    """The answer with this id when it may be used on `case` (active, own or shared), else None."""
    try:
        pk = int(answer_id)
    except (TypeError, ValueError):
        return None
    return StandardAnswer.objects.filter(available_to(case.organisation_id), active=True, pk=pk).first()
