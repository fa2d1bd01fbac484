"""A destroyed case loses its letters.

The retention run (casus.retention.services) empties a case's personal data and keeps the case row for
the Monitor, so the CASCADE of the foreign key does not fire; it sends `cases_destroyed` inside its
transaction. A letter is personal data through and through (name, address, the whole text), so it goes
in that same transaction (the timeline lines that pointed at it are deleted by the run itself).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from casus.retention.signals import cases_destroyed


@receiver(cases_destroyed, dispatch_uid="letters_destroy_with_case")
def destroy_letters_of_destroyed_cases(sender: Any, case_ids: list[int], **kwargs: Any) -> None:
    from .models import Letter

    Letter.objects.filter(case_id__in=case_ids).delete()
