"""Demo uses of the shared standard answers: most closed questions about a subject with answers in
the library were answered with one of them, the first-made answer more often than the others."""

from __future__ import annotations

import random

from casus.cases.domain import CaseType, Status
from casus.cases.models import Case, Organisation

from .models import StandardAnswer, StandardAnswerUse

SHARE = 0.6  # of the closed questions with such a subject


def _answers_by_subject() -> dict[int, list[StandardAnswer]]:
    found: dict[int, list[StandardAnswer]] = {}
    shared = StandardAnswer.objects.filter(organisation=None, active=True).prefetch_related("subjects")
    for answer in shared.order_by("id"):
        for subject in answer.subjects.all():
            found.setdefault(subject.pk, []).append(answer)
    return found


def record_demo_uses(*, organisation: Organisation, rng: random.Random) -> int:
    """Uses for the organisation's closed questions and callback requests; nothing when the
    organisation has recorded uses already (so a second run adds nothing)."""
    if StandardAnswerUse.objects.filter(case__organisation=organisation).exists():
        return 0
    by_subject = _answers_by_subject()
    cases = (
        Case.objects.filter(
            organisation=organisation, status=Status.AFGEHANDELD, subject_id__in=list(by_subject),
            case_type__in=[CaseType.VRAAG, CaseType.TERUGBELVERZOEK],
        )
        .order_by("pk")
        .values_list("pk", "subject_id", "case_type", "handler_id")
    )  # fmt: skip
    uses = []
    for pk, subject_id, case_type, handler_id in cases.iterator():
        options = [a for a in by_subject[subject_id] if not a.case_types or f",{case_type}," in a.case_types]
        if not options or rng.random() > SHARE:
            continue
        weights = [2 ** (len(options) - position) for position in range(len(options))]
        answer = rng.choices(options, weights=weights)[0]
        uses.append(StandardAnswerUse(answer=answer, case_id=pk, user_id=handler_id))
    StandardAnswerUse.objects.bulk_create(uses, batch_size=1000)
    return len(uses)
