"""Reads of the letters app: which template a case uses, the library an organisation sees."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from casus.cases.domain import CaseType
from casus.cases.models import Case, Organisation

from .models import Letter, Letterhead, LetterKind, LetterTemplate


def letterhead_for(organisation: Organisation) -> Letterhead:
    """The organisation's letterhead; an unsaved one with the defaults when none was set up."""
    found = Letterhead.objects.filter(organisation=organisation).first()
    return found or Letterhead(organisation=organisation)


def template_for(*, organisation: Organisation, case_type: str, kind: str) -> LetterTemplate | None:
    """The organisation's own template for this step, else the standard one; only templates in use."""
    candidates = LetterTemplate.objects.filter(
        Q(organisation=organisation) | Q(organisation__isnull=True), case_type=case_type, kind=kind
    ).order_by("organisation_id")  # the organisation's own first (NULL sorts last in ascending order)
    own = [t for t in candidates if t.organisation_id == organisation.pk]
    if own:
        return own[0] if own[0].active else None
    standard = [t for t in candidates if t.organisation_id is None and t.active]
    return standard[0] if standard else None


def templates_for_case(case: Case) -> list[LetterTemplate]:
    """The letters a handler can send for this case, in the order of the steps."""
    order = {kind: index for index, kind in enumerate(LetterKind.values)}
    found = [template_for(organisation=case.organisation, case_type=case.case_type, kind=kind) for kind in order]
    return [template for template in found if template is not None]


@dataclass(frozen=True)
class LibraryRow:
    """One case type and step: the standard template and the organisations' own versions of it."""

    standard: LetterTemplate | None
    own: list[LetterTemplate]

    @property
    def first(self) -> LetterTemplate:
        return self.standard or self.own[0]


def library(organisation_ids: Iterable[int] | None) -> list[LibraryRow]:
    """The library a beheerder sees: every standard template with the own versions of the organisations
    they configure (None: all organisations, for a superuser)."""
    templates = list(LetterTemplate.objects.select_related("organisation").prefetch_related("versions"))
    allowed = None if organisation_ids is None else set(organisation_ids)
    rows: dict[tuple[str, str], LibraryRow] = {}
    for template in templates:
        key = (template.case_type, template.kind)
        row = rows.setdefault(key, LibraryRow(standard=None, own=[]))
        if template.organisation_id is None:
            rows[key] = LibraryRow(standard=template, own=row.own)
        elif allowed is None or template.organisation_id in allowed:
            row.own.append(template)
    order = {kind: index for index, kind in enumerate(LetterKind.values)}
    types = {code: index for index, code in enumerate(CaseType.values)}
    visible = [row for row in rows.values() if row.standard is not None or row.own]
    return sorted(visible, key=lambda row: (types[row.first.case_type], order[row.first.kind]))


def letters_of(case: Case) -> QuerySet[Letter]:
    return case.letters.select_related("template_version").defer("html", "pdf")
