"""Files and status links of a destroyed case go with it.

The retention run (casus.retention.services) keeps a destroyed case's row, emptied, for the Monitor's
counts, so the CASCADE of the foreign keys does not fire. Every destruction writes one audit entry
(AuditAction.DESTROY) for the case inside its transaction: on that entry the case's attachments (the
files after the commit), status links and form tokens are deleted, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from casus.access.models import AuditAction, AuditEntry

from .models import Attachment, StatusLink, Submission


@receiver(post_save, sender=AuditEntry, dispatch_uid="portal_forget_destroyed_case")
def forget_destroyed_case(sender: Any, instance: AuditEntry, created: bool, **kwargs: Any) -> None:
    if not created or instance.action != AuditAction.DESTROY or instance.object_type != "cases.case":
        return
    case_id = int(instance.object_id)
    for attachment in Attachment.objects.filter(case_id=case_id):
        attachment.delete()
    StatusLink.objects.filter(case_id=case_id).delete()
    Submission.objects.filter(case_id=case_id).delete()


@receiver(post_delete, sender=Attachment, dispatch_uid="portal_attachment_file")
def delete_attachment_file(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    """A deleted attachment's file is removed from storage once the deletion is committed."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
