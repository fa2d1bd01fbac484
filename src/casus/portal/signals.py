"""Files and status links of a destroyed case go with it.

The retention run (casus.retention.services) keeps a destroyed case's row, emptied, for the Monitor's
counts, so the CASCADE of the foreign keys does not fire; it sends `cases_destroyed` inside its
transaction. Then the cases' attachments (the files after the commit), status links and form tokens
are deleted, in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from casus.retention.signals import cases_destroyed

from .models import Attachment, StatusLink, Submission


@receiver(cases_destroyed, dispatch_uid="portal_forget_destroyed_case")
def forget_destroyed_cases(sender: Any, case_ids: list[int], **kwargs: Any) -> None:
    for attachment in Attachment.objects.filter(case_id__in=case_ids):
        attachment.delete()  # one by one: each deletion schedules its file's removal
    StatusLink.objects.filter(case_id__in=case_ids).delete()
    Submission.objects.filter(case_id__in=case_ids).delete()


@receiver(post_delete, sender=Attachment, dispatch_uid="portal_attachment_file")
def delete_attachment_file(sender: Any, instance: Attachment, **kwargs: Any) -> None:
    """A deleted attachment's file is removed from storage once the deletion is committed."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
