"""Writes of the standard answers: saving an answer and recording a use. One transaction each."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from casus.cases.models import Case, Category, Organisation

from .models import StandardAnswer, StandardAnswerUse
from .selectors import answer_for_case


@transaction.atomic
def answer_save(
    *, actor: Any, title: str, text: str, case_types: list[str], subjects: list[Category], active: bool = True,
    answer: StandardAnswer | None = None, organisation: Organisation | None = None,
) -> StandardAnswer:  # fmt: skip
    """Create (answer=None, in `organisation`) or change an organisation's standard answer. A shared
    answer (no organisation) is never changed here: an organisation saves its own copy instead."""
    if answer is None:
        if organisation is None:
            raise ValueError("A new standard answer belongs to an organisation.")
        answer = StandardAnswer(organisation=organisation, created_by=actor)
    elif answer.shared:
        raise ValueError("A shared standard answer is read-only.")
    answer.title, answer.text, answer.active = title.strip(), text.strip(), active
    answer.case_types = StandardAnswer.encode_case_types(case_types)
    answer.updated_by, answer.updated_at = actor, timezone.now()
    answer.save()
    answer.subjects.set(subjects)
    return answer


def answer_use_record(*, answer_id: Any, case: Case, actor: Any) -> StandardAnswerUse | None:
    """Record that `case` was answered with a standard answer (the picker's hidden field on the close
    form). An id that is not an active answer of the case's organisation or the shared library is
    ignored: the count behind "most used" only holds real uses."""
    answer = answer_for_case(case=case, answer_id=answer_id)
    if answer is None:
        return None
    user = actor if getattr(actor, "pk", None) else None
    return StandardAnswerUse.objects.create(answer=answer, case=case, user=user)
