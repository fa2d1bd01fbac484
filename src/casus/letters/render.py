"""From a template version and a case to the letter's text, its HTML and its PDF.

The template renders to plain text (sandbox.py); the layout (letterhead, the address block in the
window of a Dutch window envelope, date, kenmerk, signature) is fixed HTML that escapes that text.
The same HTML is the on-screen preview and, through WeasyPrint, the A4 PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

from casus.cases.models import Case, Organisation
from casus.deadlines.explain import dutch_date

from . import fields as merge
from .models import LetterTemplateVersion
from .sandbox import compile_text, render
from .selectors import letterhead_for


class LetterError(Exception):
    """A letter that cannot be made or sent; the message is Dutch and shown to the user as it is."""


class MissingFields(LetterError):
    """Merge fields without a value: the letter would have a gap."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        names = "; ".join(f"{merge.label(name)} ({{{{ {name} }}}})" for name in missing)
        super().__init__(f"Deze gegevens ontbreken nog voor de brief: {names}.")

    @property
    def items(self) -> list[tuple[str, str, str]]:
        """(field, what it is, what to do) for every missing field."""
        return [(name, merge.label(name), merge.hint(name)) for name in self.missing]


@dataclass
class Draft:
    """A letter before it is sent: the texts with every merge field filled in."""

    version: LetterTemplateVersion
    subject: str
    body: str
    on: date
    contact: merge.Contact
    address: list[str] = field(default_factory=list)
    reference: str = ""


def fill(version: LetterTemplateVersion, fields: dict[str, Any]) -> tuple[str, str]:
    """Subject and body with `fields` filled in, or MissingFields naming every gap."""
    subject, missing_subject = render(compile_text(version.subject), fields)
    body, missing_body = render(compile_text(version.body), fields)
    missing = list(dict.fromkeys(missing_subject + missing_body))
    if missing:
        raise MissingFields(missing)
    return " ".join(subject.split()), tidy(body)


def tidy(text: str) -> str:
    """Strip trailing spaces and the blank lines {% if %} blocks leave behind (at most one in a row)."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def compose(case: Case, version: LetterTemplateVersion, *, on: date | None = None,
            extra: dict[str, str] | None = None) -> Draft:  # fmt: skip
    """The draft letter for `case`; MissingFields when the case lacks a value the template needs."""
    on = on or timezone.localdate()
    contact = merge.contact_for(case)
    subject, body = fill(version, merge.merge_fields(case, on=on, extra=extra, contact=contact))
    return Draft(
        version=version, subject=subject, body=body, on=on, contact=contact, address=address_lines(case),
        reference=case.reference,
    )  # fmt: skip


def compose_example(version: LetterTemplateVersion, organisation: Organisation | None, *, on: date) -> Draft:
    """The draft for an invented resident and case (the editor's preview without a real case)."""
    values = merge.example_fields(organisation, on=on)
    subject, body = fill(version, values)
    person = values["contactpersoon"]
    contact = merge.Contact(name=person["naam"], team=person["team"], phone=person["telefoon"], email=person["email"])
    resident = values["inwoner"]
    return Draft(
        version=version, subject=subject, body=body, on=on, contact=contact,
        address=[resident["naam"], resident["straat"], resident["postcode_plaats"]],
        reference=values["zaak"]["kenmerk"],
    )  # fmt: skip


def address_lines(case: Case) -> list[str]:
    """The address block for the envelope window: name, street and number, postcode and city."""
    resident = case.resident
    if resident is None:
        return []
    street = " ".join(part for part in (resident.street, resident.house_number) if part)
    place = "  ".join(part for part in (merge._postcode(resident.postcode), resident.city.upper()) if part)
    return [line for line in (resident.full_name, street, place) if line]


def blocks(body: str) -> list[dict[str, Any]]:
    """Paragraphs (split on blank lines) and bullet lists (lines starting with '- '); a paragraph that
    starts with a short line that is not a sentence (a question, a label) gets it as its heading."""
    result: list[dict[str, Any]] = []
    for chunk in body.split("\n\n"):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        title = ""
        if len(lines) > 1 and len(lines[0]) <= 70 and not lines[0].rstrip().endswith((".", ",", ";")):
            title, lines = lines[0], lines[1:]  # a short question or label above its paragraph
        if all(line.lstrip().startswith(("- ", "• ")) for line in lines):
            result.append({"title": title, "list": [line.lstrip()[2:].strip() for line in lines]})
        else:
            result.append({"title": title, "lines": lines})
    return result


def letter_context(organisation: Organisation, draft: Draft, *, subject: str, body: str) -> dict[str, Any]:
    return {
        "organisation": organisation, "head": letterhead_for(organisation), "address": draft.address,
        "date": dutch_date(draft.on, weekday=False), "reference": draft.reference, "subject": subject,
        "blocks": blocks(body), "contact": draft.contact,
    }  # fmt: skip


def sheet_html(organisation: Organisation, draft: Draft, *, subject: str, body: str) -> str:
    """The letter as an HTML fragment (the on-screen preview)."""
    return render_to_string("letters/_sheet.html", letter_context(organisation, draft, subject=subject, body=body))


def document_html(organisation: Organisation, draft: Draft, *, subject: str, body: str) -> str:
    """The letter as a complete HTML document with its print styles (stored, and the PDF's source)."""
    context = letter_context(organisation, draft, subject=subject, body=body)
    context |= {"css": letter_css()}
    return render_to_string("letters/document.html", context)


def pdf_bytes(html: str) -> bytes:
    """A4 PDF through WeasyPrint, with the system's fonts (Liberation Sans, else DejaVu Sans): the
    variable Noto Sans of the web pages costs a second per letter to instance, and no URL is fetched."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_local_only).write_pdf()


def _local_only(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """A letter needs no file at all (styles inline, system fonts); refuse every fetch."""
    raise ValueError(f"Casus letters load no external resources ({url})")


@cache
def letter_css() -> str:
    return Path(finders.find("letters/letter.css")).read_text(encoding="utf-8")
