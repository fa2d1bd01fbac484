"""Template context shared by every page: which parts of Casus the user may open (menu)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from casus.access.permissions import can


def casus(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": {}}
    return {
        "menu": {
            "audit": can(user, "audit.view"),
            "privacy": can(user, "privacy.desk"),
            "retention": can(user, "retention.view"),
            "admin": can(user, "admin.access"),
            "imports": can(user, "admin.config"),
            "monitor": can(user, "reports.view"),
            "learning": can(user, "learning.view"),
            "answers": can(user, "answers.manage"),
            "letters": can(user, "admin.config"),
        }
    }
