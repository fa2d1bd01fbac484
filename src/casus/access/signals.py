"""Audit of logins, logouts and permission changes (memberships, grants, user flags, groups)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from casus.cases.models import TeamMembership

from .audit import audit, current_request
from .models import AuditAction, CaseGrant

User = get_user_model()


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit(AuditAction.LOGIN, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    known = User.objects.filter(username=username).first() if username else None
    audit(AuditAction.LOGIN_FAILED, request=request or current_request(), user=known, username=username, allowed=False)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit(AuditAction.LOGOUT, request=request, user=user)


def _membership_detail(membership: TeamMembership) -> dict[str, Any]:
    return {"medewerker": membership.user.get_username(), "team": membership.team.name, "rol": membership.role}


@receiver(post_save, sender=TeamMembership)
def _membership_saved(sender: Any, instance: TeamMembership, created: bool, **kwargs: Any) -> None:
    audit(
        AuditAction.PERMISSION, ("auth.user", str(instance.user_id), instance.user.get_username()),
        organisation_id=instance.team.organisation_id, change="rol gegeven" if created else "rol gewijzigd",
        **_membership_detail(instance),
    )  # fmt: skip


@receiver(post_delete, sender=TeamMembership)
def _membership_deleted(sender: Any, instance: TeamMembership, **kwargs: Any) -> None:
    audit(
        AuditAction.PERMISSION, ("auth.user", str(instance.user_id), instance.user.get_username()),
        organisation_id=instance.team.organisation_id, change="rol ingetrokken", **_membership_detail(instance),
    )  # fmt: skip


@receiver(post_save, sender=CaseGrant)
def _grant_saved(sender: Any, instance: CaseGrant, created: bool, **kwargs: Any) -> None:
    audit(
        AuditAction.PERMISSION, instance.case,
        change="toegang gegeven" if created and instance.revoked_at is None else "toegang ingetrokken",
        medewerker=instance.user.get_username(), reden=instance.reason,
    )  # fmt: skip


_USER_FLAGS = ("is_active", "is_staff", "is_superuser")


@receiver(pre_save, sender=User)
def _user_flags_before(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk is None:
        instance._casus_flags_before = None
        return
    before = User.objects.filter(pk=instance.pk).values(*_USER_FLAGS).first()
    instance._casus_flags_before = before


@receiver(post_save, sender=User)
def _user_flags_after(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    before = getattr(instance, "_casus_flags_before", None)
    after = {flag: getattr(instance, flag) for flag in _USER_FLAGS}
    if created:
        if instance.is_staff or instance.is_superuser:
            audit(
                AuditAction.PERMISSION,
                ("auth.user", str(instance.pk), instance.get_username()),
                change="account aangemaakt",
                **after,
            )
        return
    if before is not None and before != after:
        changed = {flag: after[flag] for flag in _USER_FLAGS if before[flag] != after[flag]}
        audit(
            AuditAction.PERMISSION,
            ("auth.user", str(instance.pk), instance.get_username()),
            change="accountrechten gewijzigd",
            **changed,
        )


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
def _user_m2m_changed(sender: Any, instance: Any, action: str, pk_set: set[int] | None, **kwargs: Any) -> None:
    if action not in {"post_add", "post_remove", "post_clear"} or not isinstance(instance, User):
        return
    what = "groepen" if sender is User.groups.through else "rechten"
    audit(
        AuditAction.PERMISSION, ("auth.user", str(instance.pk), instance.get_username()),
        change=f"{what} gewijzigd ({action.removeprefix('post_')})", ids=sorted(pk_set or []),
    )  # fmt: skip
