"""A destroyed case loses its letters.

The retention run (casus.retention.services) empties a case's personal data and keeps the case row for
the Monitor; it writes one audit entry (AuditAction.DESTROY) per case inside its transaction. A letter
is personal data through and through (name, address, the whole text), so it goes in that same
transaction, together with the timeline lines that pointed at it.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from casus.access.models import AuditAction, AuditEntry


@receiver(post_save, sender=AuditEntry, dispatch_uid="letters_destroy_with_case")
def destroy_letters_of_destroyed_case(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    if not created or instance.action != AuditAction.DESTROY or instance.object_type != "cases.case":
        return
    from .models import Letter

    Letter.objects.filter(case_id=int(instance.object_id)).delete()
