"""The inzage (AVG art. 15): every field of every table that holds the resident's data, found by walking
the models, as JSON and as a readable PDF letter; every export is logged."""

from __future__ import annotations

import json
from typing import Any

from django.apps import apps
from django.db import models

from casus.access.models import AuditAction, AuditEntry
from casus.cases.models import Case, Resident
from casus.privacy import inzage

from .conftest import VALID_BSN, Dossier


def _url(dossier: Dossier, name: str) -> str:
    return f"/privacy/inwoners/{dossier.resident.pk}/{name}"


def _expected_labels(model: type[models.Model], parent: models.Field | None) -> set[str]:
    """Every concrete and many-to-many field but the parent link and the declared internal ones."""
    internal = inzage.INTERNAL_FIELDS.get(model._meta.label_lower, set())
    return {
        str(f.verbose_name)
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f is not parent and f.name not in internal and not any(s in f.name for s in inzage.SECRET_FIELD_NAMES)
    }


def _check_row(row: inzage.Row, data: dict[str, Any], parent: models.Field | None, seen: set[str]) -> None:
    model = apps.get_model(row.model_label)
    seen.add(row.model_label)
    assert _expected_labels(model, parent) <= set(data), row.model_label
    for section in row.sections:
        assert len(data[section.key]) == len(section.rows)
        rel_field = apps.get_model(section.model_label)._meta.get_field(section.field_name)
        for child, child_data in zip(section.rows, data[section.key], strict=True):
            _check_row(child, child_data, rel_field, seen)


def test_the_json_holds_every_field_of_every_related_table(dossier: Dossier) -> None:
    collected = inzage.collect(dossier.resident)
    data = inzage.as_json(collected)
    seen: set[str] = set()
    _check_row(collected.person.resident, data["inwoner"], None, seen)
    for case, case_data in zip(collected.person.cases, data["zaken"], strict=True):
        _check_row(case, case_data, Case._meta.get_field("resident"), seen)
    for merged, merged_data in zip(collected.merged, data["samengevoegde_inwoners"], strict=True):
        _check_row(merged.resident, merged_data["inwoner"], None, seen)
    # The dossier has a row in each of these tables; each was found.
    assert {
        "cases.resident", "cases.case", "cases.event", "cases.suspension", "cases.contactattempt", "cases.caselink",
        "access.casegrant", "privacy.correction", "privacy.datarequest", "privacy.merge",
    } <= seen  # fmt: skip


def test_the_json_holds_the_values(dossier: Dossier) -> None:
    data = inzage.as_json(inzage.collect(dossier.resident))
    person = data["inwoner"]
    assert person["BSN"] == VALID_BSN  # the resident's own data: in full
    assert person["telefoonnummer"] == "06-87654321"
    assert person["correcties"][0]["wijzigingen"][0] == {
        "field": "phone", "label": "telefoonnummer", "old": "06-12345678", "new": "06-87654321"
    }  # fmt: skip
    assert person["verzoeken van de inwoner"][0]["soort verzoek"] == "Inzage (AVG art. 15)"
    assert person["samenvoegingen (bewaarde inwoner)"][0]["verplaatste zaken"] == ["VR-2026-000001"]
    cases = {case["kenmerk"]: case for case in data["zaken"]}
    assert set(cases) == {
        dossier.klacht.reference,
        dossier.bezwaar.reference,
        dossier.callback.reference,
        "VR-2026-000001",
    }
    klacht, bezwaar = cases[dossier.klacht.reference], cases[dossier.bezwaar.reference]
    assert klacht["zaaktype"] == "Klacht"
    assert klacht["behandelaar"] == "Sanne Bakker"  # a colleague by name, never an internal id
    assert klacht["opschortingen"][0]["wat is gevraagd"] == "Kopie brief."
    assert klacht["toegang tot zaken"][0]["medewerker"] == "Rachid Meijer"
    assert klacht["koppelingen (andere zaak)"][0]["zaak"] == dossier.bezwaar.reference
    assert bezwaar["koppelingen (zaak)"][0]["andere zaak"] == dossier.klacht.reference
    assert cases[dossier.callback.reference]["contactpogingen"][0]["notitie"] == "Voicemail."
    assert "Gebeld met de inwoner." in [event["samenvatting"] for event in bezwaar["tijdlijn"]]
    assert data["samengevoegde_inwoners"][0]["inwoner"]["id in bronsysteem"] == "SRC-2"
    assert data["organisatie"]["naam"] == "Gemeente Almere"
    json.dumps(data)  # serialisable as it is


def test_no_table_pointing_at_a_resident_or_case_is_forgotten(db: None) -> None:
    """Walk every installed model: a table with a foreign key (or many-to-many) to Resident or Case must
    be among the inzage's sources, so a new table with resident data cannot be left out."""
    walked = {source["tabel"] for source in inzage.sources()}
    pointing = {
        model._meta.label_lower
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete or field.many_to_many
        if field.is_relation and field.related_model in (Resident, Case)
    }
    assert {"cases.case", "cases.event", "access.casegrant", "privacy.correction"} <= pointing
    assert pointing <= walked, f"not in the inzage: {sorted(pointing - walked)}"


def test_only_declared_internal_fields_are_left_out(db: None) -> None:
    assert inzage.shown_fields(Resident) == list(Resident._meta.concrete_fields)
    event_fields = {f.name for f in inzage.shown_fields(apps.get_model("cases.event"))}
    assert "actor" not in event_fields and "actor_name" in event_fields


def test_an_inzage_of_a_merged_duplicate_covers_the_person(dossier: Dossier) -> None:
    duplicate = Resident.objects.get(merged_into=dossier.resident)
    data = inzage.as_json(inzage.collect(duplicate))
    assert data["inwoner"]["id in bronsysteem"] == "SRC-1"


def test_the_consultations_say_when_and_what_but_not_who(fg_client: Any, dossier: Dossier) -> None:
    fg_client.get(_url(dossier, ""))
    data = inzage.as_json(inzage.collect(dossier.resident))
    assert {"tijdstip", "handeling", "gegeven", "toegestaan"} == set(data["raadplegingen"][-1])
    assert data["raadplegingen"][-1]["handeling"] == "ingezien"


def test_the_json_download_is_logged(fg_client: Any, fg: Any, dossier: Dossier) -> None:
    response = fg_client.get(_url(dossier, "inzage.json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["inwoner"]["BSN"] == VALID_BSN
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.user, entry.object_id, entry.detail["format"]) == (fg, str(dossier.resident.pk), "json")


def pdf_text(html: str) -> tuple[str, int]:
    """The text WeasyPrint lays out, page boxes included (no PDF text extractor is installed)."""
    from weasyprint import HTML

    document = HTML(string=html).render()
    texts: list[str] = []

    def walk(box: Any) -> None:
        if getattr(box, "text", None):
            texts.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(texts), len(document.pages)


def test_the_pdf_is_a_real_pdf_and_logged(fg_client: Any, fg: Any, dossier: Dossier) -> None:
    response = fg_client.get(_url(dossier, "inzage.pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and b"%%EOF" in response.content[-64:]
    assert len(response.content) > 10_000
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.user, entry.detail["format"]) == (fg, "pdf")


def test_the_pdf_letter_explains_and_holds_every_case(dossier: Dossier) -> None:
    text, pages = pdf_text(inzage.html(inzage.collect(dossier.resident)))
    assert pages >= 3
    for reference in (
        dossier.klacht.reference,
        dossier.bezwaar.reference,
        dossier.callback.reference,
        "VR-2026-000001",
    ):
        assert reference in text
    assert "artikel 16" in text  # the right to correction
    assert "Pagina 1 van" in text
    assert VALID_BSN in text
    assert "Kopie brief." in text and "Voicemail." in text


def test_a_behandelaar_cannot_export_an_inzage(client: Any, behandelaar: Any, dossier: Dossier) -> None:
    client.force_login(behandelaar)
    assert client.get(_url(dossier, "inzage.pdf")).status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, detail__permission="resident.inzage").exists()
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
