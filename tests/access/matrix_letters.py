"""The letter pages in the permission matrix: an organisation's own letter template (Almere for "own",
Zeewolde for "other_org") and a letter on each case for the PDF download."""

from __future__ import annotations

from typing import Any

from casus.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate, LetterTemplateVersion


def _template(world: Any, scope: str) -> LetterTemplate | None:
    if scope not in ("own", "other_org"):
        return None
    organisation = world.cases[scope].organisation
    standard = LetterTemplate.objects.get(organisation=None, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING)
    own, created = LetterTemplate.objects.get_or_create(
        organisation=organisation, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING,
        defaults={"based_on": standard},
    )  # fmt: skip
    if created:
        current = standard.current
        LetterTemplateVersion.objects.create(template=own, number=1, subject=current.subject, body=current.body)
    return own


def _letter(world: Any, scope: str, case: Any) -> int:
    found = Letter.objects.filter(case=case).first()
    if found is None:
        version = LetterTemplate.objects.get(
            organisation=None, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING
        ).current
        found = Letter.objects.create(
            case=case, template_version=version, kind=LetterKind.ONTVANGSTBEVESTIGING, subject="Ontvangen",
            body="Tekst", html="<p>Tekst</p>", pdf=b"%PDF-1.7 matrix", channel=LetterChannel.POST,
        )  # fmt: skip
    return found.pk


BUILDERS = {"letters.lettertemplate": _template}
ORG_BOUND = {"letters.lettertemplate"}
EXTRA_KWARGS = {"letter": _letter}
