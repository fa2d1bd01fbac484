"""Single sign-on through OpenID Connect (mozilla-django-oidc), used only when OIDC_RP_CLIENT_ID is set
(casus.access.security.authentication_backends).

A colleague is matched by e-mail address (case-insensitive). Without a match no account is made,
unless OIDC_CREATE_USERS=1: then Casus creates one without any role; a systeembeheerder gives the
roles. Two-factor authentication still applies to the roles that need it (casus.access.twofactor).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .audit import audit
from .models import AuditAction


class CasusOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        email = str(claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        """An e-mail address is needed to match, and it must not be marked unverified."""
        return bool(str(claims.get("email") or "").strip()) and claims.get("email_verified", True) is not False

    def get_username(self, claims: dict[str, Any]) -> str:
        """The e-mail address (readable in lists and the audit log), unless already taken."""
        email = str(claims["email"]).strip().lower()[:150]
        if not self.UserModel.objects.filter(username=email).exists():
            return email
        return super().get_username(claims)

    def create_user(self, claims: dict[str, Any]) -> Any:
        user = self.UserModel.objects.create_user(
            self.get_username(claims),
            email=str(claims["email"]).strip(),
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )  # no password: this colleague logs in through the organisation's identity provider
        audit(
            AuditAction.PERMISSION,
            ("auth.user", str(user.pk), user.get_username()),
            username=user.get_username(),
            change="account aangemaakt bij inloggen met organisatieaccount",
        )
        return user
