"""Personal text of a destroyed case goes with it (docs/retention.md).

The retention run keeps a destroyed case's row, emptied, so the CASCADE of the foreign keys does not
fire. Every destruction writes one audit entry (AuditAction.DESTROY) for the case inside its
transaction: on that entry the case's signal texts and follow-up note are emptied, in the same
transaction (services.learning_forget_cases). The links to themes, suggestions and discussions stay:
they hold no data of the resident, and the theme's counts must stay right.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from casus.access.models import AuditAction, AuditEntry

from .services import learning_forget_cases


@receiver(post_save, sender=AuditEntry, dispatch_uid="learning_forget_destroyed_case")
def forget_destroyed_case(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    if created and instance.action == AuditAction.DESTROY and instance.object_type == "cases.case":
        learning_forget_cases(case_ids=[int(instance.object_id)])
