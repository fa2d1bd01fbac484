"""Personal text of a destroyed case goes with it (docs/retention.md).

The retention run keeps a destroyed case's row, emptied, so the CASCADE of the foreign keys does not
fire; it sends `cases_destroyed` inside its transaction. Then the cases' signal texts and follow-up
notes are emptied, in the same transaction (services.learning_forget_cases). The links to themes,
suggestions and discussions stay: they hold no data of the resident, and the theme's counts must stay
right.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from casus.retention.signals import cases_destroyed

from .services import learning_forget_cases


@receiver(cases_destroyed, dispatch_uid="learning_forget_destroyed_case")
def forget_destroyed_cases(sender: Any, case_ids: list[int], **kwargs: Any) -> None:
    learning_forget_cases(case_ids=list(case_ids))
