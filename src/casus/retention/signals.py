"""A new organisation gets the built-in retention rules at once (docs/retention.md)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from casus.cases.models import Organisation


@receiver(post_save, sender=Organisation, dispatch_uid="retention_seed_default_rules")
def seed_rules_for_new_organisation(
    sender: Any, instance: Organisation, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if created and not raw:
        from .services import seed_default_rules

        seed_default_rules(instance)
