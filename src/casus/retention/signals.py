"""A new organisation gets the built-in retention rules at once (docs/retention.md); and the signal other
apps listen to when cases are destroyed."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from casus.cases.models import Organisation

# Sent by the retention run inside its transaction, once per batch, with `case_ids`: the cases whose
# personal data is being destroyed. The case rows stay (emptied, for the Monitor's counts), so the
# CASCADE of foreign keys does not fire: an app that keeps personal data about a case (letters,
# attachments, status links, signal texts) deletes or empties it in its receiver. A receiver that
# raises rolls the whole destruction back.
cases_destroyed = Signal()


@receiver(post_save, sender=Organisation, dispatch_uid="retention_seed_default_rules")
def seed_rules_for_new_organisation(
    sender: Any, instance: Organisation, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        from .services import seed_default_rules

        seed_default_rules(instance)
