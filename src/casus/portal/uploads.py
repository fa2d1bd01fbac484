"""Attachments from residents: PDF, JPG or PNG, at most MAX_FILES files of at most MAX_SIZE each.

The type is read from the first bytes of the file (its "magic number"), never from its name or from the
Content-Type the browser sends: a PNG named scan.pdf is a PNG (and is stored as one), a program renamed
to brief.pdf is refused. Refusals are plain Dutch and name the file.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.files.uploadedfile import UploadedFile

MAX_FILES = 3
MAX_SIZE = 10 * 1024 * 1024  # 10 MB per file


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    label: str


PDF = FileKind("application/pdf", "pdf", "PDF")
PNG = FileKind("image/png", "png", "PNG-afbeelding")
JPEG = FileKind("image/jpeg", "jpg", "JPG-foto")
MAGIC = ((b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG))
ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def sniff(upload: UploadedFile) -> FileKind | None:
    """The kind of file its first bytes say it is, or None when it is none of PDF, PNG and JPG."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in MAGIC if head.startswith(magic)), None)


def human_size(size: int) -> str:
    """'120 kB', '2,4 MB' (Dutch decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def safe_name(name: str) -> str:
    """The file's own name without any folder, shortened, for showing and for the download."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "bijlage"
    return base[-120:]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero to MAX_FILES files; cleaned to a list of (UploadedFile, FileKind)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.widget.attrs.update({"accept": ACCEPT, "multiple": True})

    def clean(self, data: object, initial: object = None) -> list[tuple[UploadedFile, FileKind]]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(f"U kunt hoogstens {MAX_FILES} bestanden meesturen. U koos er {len(uploads)}.")
        errors, accepted = [], []
        for upload in uploads:
            name = safe_name(upload.name or "")
            kind = sniff(upload)
            if upload.size > MAX_SIZE:
                errors.append(f"{name} is te groot ({human_size(upload.size)}). Een bestand mag hoogstens 10 MB zijn.")
            elif upload.size == 0:
                errors.append(f"{name} is leeg. Kies het bestand opnieuw.")
            elif kind is None:
                errors.append(f"{name} is geen PDF, JPG of PNG. Stuur een PDF-bestand of een foto (JPG of PNG).")
            else:
                accepted.append((upload, kind))
        if errors:
            raise forms.ValidationError(errors)
        return accepted
