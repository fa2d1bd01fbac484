"""The letter pages: a handler sends a letter from the case page; the beheerder edits a template with a
preview that shows a real case only when they may see it; who may do what; downloads are audited."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from casus.access.models import AuditAction, AuditEntry
from casus.cases.domain import EventKind, TeamRole
from casus.cases.models import Case, TeamMembership
from casus.letters.models import Letter, LetterChannel, LetterKind, LetterTemplate
from tests import factories

from .conftest import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(db: None) -> Any:
    return factories.user("bkok", first="Bas", last="Kok", team_name="Beheer", role=TeamRole.FUNCTIONEEL_BEHEER)


@pytest.fixture
def klacht(werk: Any, behandelaar: Any, inwoner_met_mail: Any) -> Case:
    return register(
        "klacht",
        timezone.localdate() - timedelta(days=5),
        resident=inwoner_met_mail,
        handler=behandelaar,
        description="Mijn klantmanager belt niet terug.",
    )


def _compose(case: Case) -> str:
    return reverse("letters:compose", args=[case.pk])


# --- the handler ---------------------------------------------------------------------------------


def test_the_case_page_offers_the_letters_of_its_type(behandelaar: Any, klacht: Case) -> None:
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert 'id="brieven"' in body and "Nog geen brieven verstuurd." in body
    assert '<option value="ontvangstbevestiging">Ontvangstbevestiging</option>' in body
    assert '<option value="beslissing_klacht">Beslissing op klacht</option>' in body
    assert "beslissing_bezwaar" not in body


def test_the_handler_sees_the_letter_filled_in(behandelaar: Any, klacht: Case) -> None:
    response = factories.logged_in(behandelaar).get(_compose(klacht), {"kind": "ontvangstbevestiging"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Beste Fatima Yilmaz," in body
    assert klacht.reference in body
    assert "Sanne Bakker behandelt uw klacht" in body
    assert "Leesbaarheid:" in body
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(klacht.pk)).exists()


def test_the_handler_sends_an_edited_letter_by_e_mail(
    behandelaar: Any, klacht: Case, django_capture_on_commit_callbacks: Any
) -> None:
    client = factories.logged_in(behandelaar)
    draft = client.get(_compose(klacht), {"kind": "ontvangstbevestiging"}).context["form"]
    body = draft["body"].value() + "\n\nIk bel u donderdag tussen 9 en 10 uur."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _compose(klacht),
            {
                "action": "send",
                "kind": "ontvangstbevestiging",
                "subject": draft["subject"].value(),
                "body": body,
                "channel": "email",
            },
        )
    assert response.status_code == 302 and response["Location"].endswith("#brieven")
    letter = Letter.objects.get(case=klacht)
    assert letter.edited and letter.channel == LetterChannel.EMAIL and letter.sent_by == behandelaar
    assert "Ik bel u donderdag tussen 9 en 10 uur." in letter.body
    assert mail.outbox[-1].to == ["f.yilmaz@voorbeeld.invalid"]
    event = klacht.events.get(kind=EventKind.LETTER_SENT)
    assert "De tekst is voor deze brief aangepast." in event.summary
    page = client.get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert reverse("letters:pdf", args=[klacht.pk, letter.pk]) in page
    assert "Brief &#x27;Ontvangstbevestiging&#x27; per e-mail verzonden" in page


def test_per_post_the_letter_is_marked_sent_and_the_pdf_downloads(behandelaar: Any, klacht: Case) -> None:
    client = factories.logged_in(behandelaar)
    draft = client.get(_compose(klacht), {"kind": "ontvangstbevestiging"}).context["form"]
    client.post(
        _compose(klacht),
        {
            "action": "send",
            "kind": "ontvangstbevestiging",
            "channel": "post",
            "subject": draft["subject"].value(),
            "body": draft["body"].value(),
        },
    )
    letter = Letter.objects.get(case=klacht)
    assert letter.channel == LetterChannel.POST and not letter.edited and not mail.outbox
    response = client.get(reverse("letters:pdf", args=[klacht.pk, letter.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]
    entry = AuditEntry.objects.filter(action=AuditAction.DOWNLOAD, object_id=str(klacht.pk)).get()
    assert entry.detail == {"letter": letter.pk, "format": "pdf"} and entry.user == behandelaar
    page = client.get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert f'href="{reverse("letters:pdf", args=[klacht.pk, letter.pk])}">Brief als PDF' in page  # on the timeline


def test_a_missing_value_stops_the_letter_before_sending(werk: Any, behandelaar: Any) -> None:
    resident = factories.resident(given_name="Kees", surname="Bos", phone="")
    case = register("terugbelverzoek", timezone.localdate() - timedelta(days=3), resident=resident, handler=behandelaar)
    client = factories.logged_in(behandelaar)
    body = client.get(_compose(case), {"kind": "niet_bereikt"}).content.decode()
    assert "De brief kan nog niet worden gemaakt. Deze gegevens ontbreken:" in body
    assert "Telefoonnummer van de inwoner." in body
    assert "Vul het aan bij de inwoner" in body
    assert "Brief versturen" not in body
    client.post(
        _compose(case),
        {
            "action": "send",
            "kind": "niet_bereikt",
            "channel": "post",
            "subject": "x",
            "body": "Beste Kees Bos, wij belden u.",
        },
    )
    assert not Letter.objects.filter(case=case).exists()


def test_the_hearing_letter_asks_for_date_time_and_place_first(
    werk: Any, behandelaar: Any, inwoner_met_mail: Any
) -> None:
    case = register(
        "bezwaar",
        timezone.localdate() - timedelta(days=5),
        resident=inwoner_met_mail,
        handler=behandelaar,
        decision_sent_on=timezone.localdate() - timedelta(days=20),
    )
    client = factories.logged_in(behandelaar)
    first = client.get(_compose(case), {"kind": "uitnodiging_hoorzitting"})
    assert "Datum van de hoorzitting" in first.content.decode() and first.context.get("form") is None
    filled = client.get(
        _compose(case),
        {"kind": "uitnodiging_hoorzitting", "day": "2026-12-08", "time": "10.00 uur", "place": "het stadhuis"},
    )
    assert "Datum: dinsdag 8 december 2026" in filled.content.decode()
    form = filled.context["form"]
    client.post(
        _compose(case),
        {
            "action": "send",
            "kind": "uitnodiging_hoorzitting",
            "day": "2026-12-08",
            "time": "10.00 uur",
            "place": "het stadhuis",
            "channel": "post",
            "subject": form["subject"].value(),
            "body": form["body"].value(),
        },
    )
    assert "Bel ons als dit tijdstip niet past" in Letter.objects.get(case=case).body


def test_the_postponed_case_asks_for_its_notice(behandelaar: Any, klacht: Case) -> None:
    from casus.cases import services

    services.case_postpone(case=klacht, actor=behandelaar, notice_sent_on=timezone.localdate(), reason="advies")
    body = factories.logged_in(behandelaar).get(reverse("workspace:case", args=[klacht.pk])).content.decode()
    assert "Deze zaak is verdaagd. Stuur de inwoner het verdagingsbericht" in body
    assert "?kind=verdagingsbericht" in body


# --- who may ------------------------------------------------------------------------------------


def test_only_who_may_edit_the_case_sends_letters(klacht: Case, behandelaar_beheer: Any) -> None:
    kwaliteit = factories.user("ijanssen", first="Ilse", last="Janssen", team_name="Werk", role=TeamRole.KWALITEIT)
    assert factories.logged_in(kwaliteit).get(_compose(klacht)).status_code == 403  # reads, does not act
    assert factories.logged_in(behandelaar_beheer).get(_compose(klacht)).status_code == 403  # another team
    refused = factories.logged_in(kwaliteit).post(
        _compose(klacht),
        {"action": "send", "kind": "ontvangstbevestiging", "channel": "post", "subject": "x", "body": "y"},
    )
    assert refused.status_code == 403 and not Letter.objects.filter(case=klacht).exists()
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user=kwaliteit).exists()


def test_a_letter_of_another_case_is_not_downloadable_through_this_one(
    behandelaar: Any, klacht: Case, werk: Any
) -> None:
    from casus.letters.services import send_acknowledgement

    other = register("klacht", timezone.localdate() - timedelta(days=2), resident=factories.resident())
    letter = send_acknowledgement(other)
    assert factories.logged_in(behandelaar).get(reverse("letters:pdf", args=[klacht.pk, letter.pk])).status_code == 404


# --- the beheerder -------------------------------------------------------------------------------


def _standard() -> LetterTemplate:
    return LetterTemplate.objects.get(organisation=None, case_type="klacht", kind=LetterKind.ONTVANGSTBEVESTIGING)


def test_the_beheerder_sees_the_library_and_saves_a_version(beheerder: Any) -> None:
    client = factories.logged_in(beheerder)
    library = client.get(reverse("letters:library")).content.decode()
    assert "Verdagingsbericht" in library and "Beslissing op bezwaar" in library
    standard = _standard()
    url = reverse("letters:template", args=[standard.pk])
    page = client.get(url).content.decode()
    assert "Beste Fatima de Vries," in page  # the invented example case
    assert "Leesbaarheid:" in page and "Versie 1" in page
    body = standard.current.body + "\n\nWij zijn bereikbaar van maandag tot en met vrijdag."
    response = client.post(
        url, {"action": "save", "subject": standard.current.subject, "body": body, "note": "Openingstijden erbij"}
    )
    own = LetterTemplate.objects.get(organisation=factories.organisation(), kind=LetterKind.ONTVANGSTBEVESTIGING)
    assert response["Location"] == reverse("letters:template", args=[own.pk])
    assert own.current.note == "Openingstijden erbij" and own.current.created_by == beheerder
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE, user=beheerder, object_id=str(own.pk)).exists()


def test_a_syntax_error_is_shown_and_nothing_is_saved(beheerder: Any) -> None:
    standard = _standard()
    response = factories.logged_in(beheerder).post(
        reverse("letters:template", args=[standard.pk]),
        {
            "action": "save",
            "subject": "Ontvangen",
            "body": "{% include 'casus/base.html' %}",
        },
    )
    assert response.status_code == 200
    assert "de opdracht {% include %} kan niet in een brief" in response.content.decode()
    assert not LetterTemplate.objects.filter(organisation__isnull=False).exists()


def test_the_preview_shows_a_real_case_only_to_who_may_see_it(beheerder: Any, klacht: Case) -> None:
    standard = _standard()
    url = reverse("letters:template", args=[standard.pk])
    data = {
        "action": "preview",
        "subject": standard.current.subject,
        "body": standard.current.body,
        "reference": klacht.reference,
    }
    refused = factories.logged_in(beheerder).post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Yilmaz" not in refused and "Beste Fatima de Vries," in refused
    assert "functioneel beheerders openen geen dossiers" in refused
    assert AuditEntry.objects.filter(action=AuditAction.DENIED, user=beheerder, object_id=str(klacht.pk)).exists()
    TeamMembership.objects.create(team=factories.team("Werk"), user=beheerder, role=TeamRole.BEHANDELAAR)
    allowed = factories.logged_in(beheerder).post(url, data, HTTP_HX_REQUEST="true").content.decode()
    assert "Beste Fatima Yilmaz," in allowed and klacht.reference in allowed
    assert "<html" not in allowed  # an htmx fragment
    assert AuditEntry.objects.filter(action=AuditAction.VIEW, user=beheerder, object_id=str(klacht.pk)).exists()


def test_a_beheerder_of_another_organisation_cannot_open_our_own_template(beheerder: Any) -> None:
    from casus.letters.services import template_save

    own = template_save(
        template=_standard(),
        organisation=factories.organisation(),
        subject="Anders",
        body=_standard().current.body,
        actor=beheerder,
    ).template
    elders = factories.user("evabrouwer", first="Eva", last="Brouwer")
    TeamMembership.objects.create(
        team=factories.team("Werk", factories.other_organisation()), user=elders, role=TeamRole.FUNCTIONEEL_BEHEER
    )
    client = factories.logged_in(elders)
    assert client.get(reverse("letters:template", args=[own.pk])).status_code == 403
    assert client.get(reverse("letters:template", args=[_standard().pk])).status_code == 200
    assert client.get(reverse("letters:letterhead", args=[factories.organisation().pk])).status_code == 403


def test_a_behandelaar_does_not_edit_templates(behandelaar: Any) -> None:
    client = factories.logged_in(behandelaar)
    assert client.get(reverse("letters:library")).status_code == 403
    assert client.get(reverse("letters:template", args=[_standard().pk])).status_code == 403


def test_the_letterhead_goes_into_every_letter(beheerder: Any, klacht: Case, behandelaar: Any) -> None:
    client = factories.logged_in(beheerder)
    url = reverse("letters:letterhead", args=[factories.organisation().pk])
    client.post(
        url,
        {
            "sender_line": "Werk en Inkomen",
            "postal_address": "Postbus 200",
            "postal_city": "1300 AE Almere",
            "visiting_address": "Stadhuisplein 1",
            "website": "www.almere.nl",
            "ombudsman": "de gemeentelijke ombudsman",
            "ombudsman_contact": "telefoon 036 000 00 00",
            "court": "de rechtbank Midden-Nederland",
            "court_contact": "www.rechtspraak.nl",
        },
    )
    page = factories.logged_in(behandelaar).get(_compose(klacht), {"kind": "ontvangstbevestiging"}).content.decode()
    assert "Postbus 200" in page and "Werk en Inkomen" in page


def test_the_library_reads_its_rows_in_a_fixed_number_of_queries(
    beheerder: Any, django_assert_max_num_queries: Any
) -> None:
    client = factories.logged_in(beheerder)
    client.get(reverse("letters:library"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("letters:library")).status_code == 200


def test_the_live_preview_records_the_look_at_the_dossier_once(behandelaar: Any, klacht: Case) -> None:
    client = factories.logged_in(behandelaar)
    draft = client.get(_compose(klacht), {"kind": "ontvangstbevestiging"}).context["form"]
    data = {"action": "preview", "kind": "ontvangstbevestiging", "channel": "post", "subject": "Ontvangen"}
    for extra in ("Tot", "Tot snel", "Tot snel!"):
        client.post(_compose(klacht), {**data, "body": f"{draft['body'].value()}\n\n{extra}"}, HTTP_HX_REQUEST="true")
    views = AuditEntry.objects.filter(action=AuditAction.VIEW, user=behandelaar, object_id=str(klacht.pk))
    assert views.count() == 1 and views.get().detail == {"purpose": "brief maken"}
