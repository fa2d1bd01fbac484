"""Where residents' attachments are stored: Django's FileSystemStorage in CASUS_UPLOAD_DIR (default
var/bijlagen). The folder is never served as static or media files: only a handler who may see the
case downloads a file, through casus.portal.views_staff."""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class AttachmentStorage(FileSystemStorage):
    """FileSystemStorage whose folder is read from the settings when it is used (tests point it at a
    temporary folder with override_settings)."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        folder = getattr(settings, "CASUS_UPLOAD_DIR", "") or os.environ.get("CASUS_UPLOAD_DIR", "")
        return str(folder or Path(settings.VAR_DIR) / "bijlagen")

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None  # never served by URL


def attachment_storage() -> AttachmentStorage:
    return AttachmentStorage()
