"""`Authorization: Token <token>` for systems (docs/api.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from .models import ApiApplication
from .services import token_hash

INVALID = "Het token is onbekend of ingetrokken."


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request) -> tuple[Any, ApiApplication] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Stuur het token mee als 'Authorization: Token <token>'.")
        try:
            token = header[1].decode()
        except UnicodeError:
            raise exceptions.AuthenticationFailed(INVALID) from None
        application = ApiApplication.objects.select_related("user", "team").filter(token_hash=token_hash(token)).first()
        if application is None or not application.active or not application.user.is_active:
            raise exceptions.AuthenticationFailed(INVALID)
        self._touch(application)
        return application.user, application

    def authenticate_header(self, request: Request) -> str:
        return self.keyword

    @staticmethod
    def _touch(application: ApiApplication) -> None:
        # At most one write a minute per application, not one per request.
        now = timezone.now()
        if application.last_used_at is None or now - application.last_used_at > timedelta(minutes=1):
            ApiApplication.objects.filter(pk=application.pk).update(last_used_at=now)
            application.last_used_at = now


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "casus.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Token <token>`: het token van de API-koppeling (zie docs/api.md)."}  # fmt: skip
