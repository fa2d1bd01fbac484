"""The web Monitor's part of the permission matrix: the download URL names its format."""

from __future__ import annotations

from typing import Any


def _format(world: Any, scope: str, obj: Any) -> str:
    return "csv"


EXTRA_KWARGS = {"fmt": _format}
