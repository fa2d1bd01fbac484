"""Realistic Dutch demo data: four calendar years of cases of every type for one organisation.

Everything is invented (Faker nl_NL plus text templates); deterministic for a given seed. Cases,
suspensions, contact attempts and timelines are written through `bulk.cases_bulk_create`, so due
dates come from the same deadline engine as a registration.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from casus import deadlines

from . import bulk, services
from .domain import CaseType, Channel, EventKind, LinkKind, Outcome, Representative, Status, TeamRole
from .models import Case, CaseLink, CaseTypeSetting, Category, Organisation, Resident, Team, TeamMembership

DEMO_PASSWORD = "Casus-demo-2026"  # documented in README.md; demo installations only

# (username, first name, last name, team, role, staff)
DEMO_LOGINS = [
    ("behandelaar", "Sanne", "Bakker", "BBK", TeamRole.BEHANDELAAR, False),
    ("coordinator", "Mark", "Visser", "BBK", TeamRole.COORDINATOR, False),
    ("kwaliteit", "Ilse", "Jansen", "BBK", TeamRole.KWALITEIT, False),
    ("mt", "Henk", "Mulder", "BBK", TeamRole.MT, False),
    ("beheerder", "Noor", "Hendriks", "Beheer", TeamRole.FUNCTIONEEL_BEHEER, True),
    # Until the handlers' workspace exists the admin is where cases are read: the demo beheerder also
    # coordinates team BBK, so the admin's case list shows that team's cases (casus.access).
    ("beheerder", "Noor", "Hendriks", "BBK", TeamRole.COORDINATOR, True),
    ("privacy", "Fatima", "el Idrissi", "Beheer", TeamRole.PRIVACY, False),
]

TYPE_WEIGHTS = {
    CaseType.VRAAG: 28, CaseType.TERUGBELVERZOEK: 14, CaseType.KLACHT: 24, CaseType.BEZWAAR: 16,
    CaseType.BEROEP: 3, CaseType.AANVRAAG: 5, CaseType.WMO_MELDING: 3, CaseType.WMO_AANVRAAG: 2, CaseType.WOO: 5,
}  # fmt: skip
TEAM_FOR_TYPE = {
    CaseType.VRAAG: ("Beheer", "Inkomen", "Werk"), CaseType.TERUGBELVERZOEK: ("Beheer", "Inkomen", "Werk"),
    CaseType.KLACHT: ("BBK",), CaseType.BEZWAAR: ("BBK",), CaseType.BEROEP: ("BBK",),
    CaseType.AANVRAAG: ("Inkomen",), CaseType.WMO_MELDING: ("Inkomen",), CaseType.WMO_AANVRAAG: ("Inkomen",),
    CaseType.WOO: ("Beheer",),
}  # fmt: skip
CHANNELS = {
    CaseType.VRAAG: {Channel.EMAIL: 40, Channel.TELEFOON: 30, Channel.WEBFORMULIER: 20, Channel.POST: 5,
                     Channel.BALIE: 5},
    CaseType.TERUGBELVERZOEK: {Channel.TELEFOON: 80, Channel.BALIE: 15, Channel.VIA_PARTNER: 5},
    CaseType.KLACHT: {Channel.WEBFORMULIER: 45, Channel.EMAIL: 25, Channel.POST: 15, Channel.TELEFOON: 10,
                      Channel.VIA_PARTNER: 5},
}  # fmt: skip
DEFAULT_CHANNELS = {Channel.POST: 50, Channel.EMAIL: 30, Channel.WEBFORMULIER: 20}
# Relative intake of the four calendar years up to today (the current one is cut off at today).
YEAR_WEIGHTS = (24, 27, 25, 24)
SUBJECT_WEIGHTS = {
    "energietoeslag": 18, "bijzondere bijstand": 16, "terugvordering": 12, "afwijzing levensonderhoud": 7,
    "woonlastenfonds": 6, "boete": 4, "maatregel": 6, "beëindiging": 9, "buiten behandeling": 7, "Tozo": 5,
    "overig": 10,
}  # fmt: skip
NATURE_WEIGHTS = {
    "bereikbaarheid en geen reactie": 30, "bejegening": 18, "onjuiste of onvolledige informatie": 16,
    "duurt lang": 20, "niet eens met de uitkomst": 12, "overig": 4,
}  # fmt: skip
OUTCOME_WEIGHTS = {
    CaseType.KLACHT: {Outcome.ONGEGROND: 30, Outcome.GEGROND: 20, Outcome.DEELS_GEGROND: 10,
                      Outcome.INFORMEEL_AFGEHANDELD: 30, Outcome.INGETROKKEN: 4, Outcome.GEEN_OORDEEL: 3,
                      Outcome.NIET_IN_BEHANDELING: 3},
    CaseType.BEZWAAR: {Outcome.ONGEGROND: 45, Outcome.GEGROND: 15, Outcome.DEELS_GEGROND: 8,
                       Outcome.NIET_ONTVANKELIJK: 10, Outcome.INGETROKKEN: 10, Outcome.INFORMEEL_OPGELOST: 12},
    CaseType.BEROEP: {Outcome.ONGEGROND: 60, Outcome.GEGROND: 20, Outcome.INGETROKKEN: 15,
                      Outcome.NIET_ONTVANKELIJK: 5},
    CaseType.VRAAG: {Outcome.BEANTWOORD: 85, Outcome.DOORVERWEZEN: 12, Outcome.INGETROKKEN: 3},
    CaseType.TERUGBELVERZOEK: {Outcome.BEANTWOORD: 82, Outcome.DOORVERWEZEN: 8, Outcome.NIET_BEREIKT: 10},
    CaseType.AANVRAAG: {Outcome.TOEGEKEND: 55, Outcome.DEELS_TOEGEKEND: 10, Outcome.AFGEWEZEN: 25,
                        Outcome.BUITEN_BEHANDELING: 7, Outcome.INGETROKKEN: 3},
    CaseType.WMO_AANVRAAG: {Outcome.TOEGEKEND: 70, Outcome.DEELS_TOEGEKEND: 10, Outcome.AFGEWEZEN: 15,
                            Outcome.INGETROKKEN: 5},
    CaseType.WMO_MELDING: {Outcome.ONDERZOEK_AFGEROND: 85, Outcome.DOORVERWEZEN: 10, Outcome.INGETROKKEN: 5},
    CaseType.WOO: {Outcome.OPENBAAR: 25, Outcome.DEELS_OPENBAAR: 45, Outcome.NIET_OPENBAAR: 10,
                   Outcome.GEEN_DOCUMENTEN: 15, Outcome.INGETROKKEN: 5},
}  # fmt: skip

# How a resident names each subject in a sentence.
SUBJECT_PHRASES = {
    "energietoeslag": "de energietoeslag", "bijzondere bijstand": "bijzondere bijstand",
    "terugvordering": "de terugvordering", "afwijzing levensonderhoud": "de afwijzing van mijn bijstand",
    "woonlastenfonds": "het woonlastenfonds", "boete": "de boete", "maatregel": "de korting op mijn uitkering",
    "beëindiging": "het stoppen van mijn uitkering", "buiten behandeling": "mijn aanvraag die niet behandeld is",
    "Tozo": "de Tozo", "overig": "mijn uitkering",
}  # fmt: skip

TEXTS = {
    CaseType.VRAAG: [
        "Ik wil weten of ik recht heb op {subject}. Welke papieren moet ik opsturen?",
        "Ik heb een vraag over {subject}. Wanneer hoor ik iets?",
        "Ik begrijp de brief over {subject} niet. Kunt u uitleggen wat ik moet doen?",
        "Mijn situatie is veranderd. Moet ik dat doorgeven voor {subject}?",
    ],
    CaseType.TERUGBELVERZOEK: [
        "Inwoner wil teruggebeld worden over {subject}. Liefst na 14.00 uur.",
        "Graag terugbellen over de brief van vorige week over {subject}.",
        "Wil de klantmanager spreken over {subject}; kreeg geen reactie op e-mail.",
    ],
    CaseType.KLACHT: [
        "Ik heb drie keer gebeld over {subject} en niemand belt mij terug.",
        "De medewerker aan de telefoon was onvriendelijk toen ik vroeg naar {subject}.",
        "Ik wacht al twee maanden op een besluit over {subject}. Dit duurt veel te lang.",
        "Ik kreeg verschillende antwoorden over {subject}. Niemand weet wie mijn contactpersoon is.",
        "Mijn afspraak over {subject} werd afgezegd zonder uitleg.",
    ],
    CaseType.BEZWAAR: [
        "Ik ben het niet eens met het besluit over {subject}. Ik heb wel alle stukken ingeleverd.",
        "Bezwaar tegen het besluit over {subject}: de berekening klopt niet, mijn inkomen is lager.",
        "Het besluit over {subject} houdt geen rekening met mijn gezondheid.",
    ],
    CaseType.BEROEP: [
        "Beroep bij de rechtbank tegen de beslissing op bezwaar over {subject}.",
    ],
    CaseType.AANVRAAG: [
        "Aanvraag bijzondere bijstand voor een wasmachine en een koelkast.",
        "Aanvraag bijzondere bijstand: inwoner heeft hoge kosten door ziekte.",
        "Aanvraag levensonderhoud na het verlies van werk.",
    ],
    CaseType.WMO_AANVRAAG: [
        "Aanvraag maatwerkvoorziening na het onderzoek: hulp bij het huishouden, 3 uur per week.",
        "Aanvraag woningaanpassing: een traplift.",
    ],
    CaseType.WMO_MELDING: [
        "Melding: inwoner redt het niet meer alleen thuis, vraagt om hulp bij het huishouden.",
        "Melding via de huisarts: inwoner heeft een scootmobiel nodig.",
    ],
    CaseType.WOO: [
        "Verzoek om alle documenten over het beleid voor {subject} van 2023 en 2024.",
        "Woo-verzoek: e-mails en notulen over de uitvoering van {subject}.",
    ],
}
CLOSING_TEXTS = [
    "Inwoner gebeld en uitleg gegeven. Inwoner is tevreden.",
    "Beslissing schriftelijk verstuurd met uitleg in eenvoudige taal.",
    "Na het gesprek is de zaak opgelost. Afspraak gemaakt voor een vervolggesprek.",
    "Brief verstuurd. Ombudsman en termijn genoemd.",
]


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def _at(day: date, rng: random.Random) -> datetime:
    moment = time(hour=rng.randint(8, 16), minute=rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))
    return datetime.combine(day, moment, tzinfo=ZoneInfo(settings.TIME_ZONE))


@dataclass
class Demo:
    """Generates demo data for one organisation."""

    organisation: Organisation
    seed: int = 2026

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.faker = Faker("nl_NL")
        self.faker.seed_instance(self.seed)
        self.today = timezone.localdate()
        self.subjects = {c.name: c for c in Category.objects.filter(kind="subject")}
        self.natures = {c.name: c for c in Category.objects.filter(kind="nature")}
        self.teams = {t.name: t for t in Team.objects.filter(organisation=self.organisation)}

    # -- people -----------------------------------------------------------------------------------

    def ensure_contacts(self) -> None:
        """Invented phone numbers and e-mail addresses for the organisation and its teams (letters and
        the residents' status page name them), only where none is set."""
        org = self.organisation
        if not org.phone or not org.email:
            org.phone = org.phone or "036 100 20 00"
            org.email = org.email or f"info@{org.slug}.voorbeeld.nl"
            org.save(update_fields=["phone", "email"])
        for number, team in enumerate(sorted(self.teams.values(), key=lambda t: t.name), start=1):
            if not team.phone or not team.email:
                team.phone = team.phone or f"036 100 2{number:01d} {10 * number:02d}"
                team.email = team.email or f"{slugify(team.name)}@{org.slug}.voorbeeld.nl"
                team.save(update_fields=["phone", "email"])

    def ensure_staff(self) -> dict[str, list[Any]]:
        """Demo logins plus two or three invented handlers per team; returns handlers per team."""
        self.ensure_contacts()
        user_model = get_user_model()
        for username, first, last, team_name, role, staff in DEMO_LOGINS:
            self._staff_member(user_model, username, first, last, team_name, role, staff=staff)
        handlers: dict[str, list[Any]] = {}
        for index, team_name in enumerate(sorted(self.teams)):
            for number in range(3 if team_name == "BBK" else 2):
                first, last = self.faker.first_name(), self.faker.last_name().split(" ")[-1]
                username = f"{first[0]}.{last}{index}{number}".lower()
                self._staff_member(user_model, username, first, last, team_name, TeamRole.BEHANDELAAR)
            handlers[team_name] = [
                m.user for m in TeamMembership.objects.filter(
                    team=self.teams[team_name], role=TeamRole.BEHANDELAAR
                ).select_related("user").order_by("user__username")
            ]  # fmt: skip
        return handlers

    def _staff_member(
        self, user_model: Any, username: str, first: str, last: str, team_name: str, role: str, staff: bool = False
    ) -> Any:
        user, created = user_model.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@voorbeeld.invalid",
                      "is_staff": staff, "is_superuser": staff},
        )  # fmt: skip
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        TeamMembership.objects.get_or_create(team=self.teams[team_name], user=user, role=role)
        return user

    def residents(self, count: int) -> list[Resident]:
        existing = list(Resident.objects.filter(organisation=self.organisation).order_by("id"))
        new = [self._resident() for _ in range(max(0, count - len(existing)))]
        Resident.objects.bulk_create(new, batch_size=2000)
        return existing + new

    def _resident(self) -> Resident:
        fake, rng = self.faker, self.rng
        prefix = rng.choice(["", "", "", "", "de", "van", "van der", "van den"])
        resident = Resident(
            organisation=self.organisation, source_id=f"DEMO-{fake.unique.random_number(digits=8, fix_len=True)}",
            initials=f"{fake.random_uppercase_letter()}.", given_name=fake.first_name(), surname_prefix=prefix,
            surname=fake.last_name().split(" ")[-1], street=fake.street_name(),
            house_number=str(fake.building_number()), postcode=fake.postcode().replace(" ", ""), city="Almere",
            phone=fake.phone_number(), email=fake.free_email() if rng.random() < 0.7 else "",
            bsn=fake.ssn() if rng.random() < 0.3 else "",
            preferred_channel=rng.choice(["", Channel.TELEFOON, Channel.EMAIL, Channel.POST]),
            interpreter_language=rng.choice(["Arabisch", "Turks", "Pools", "Tigrinya"]) if rng.random() < 0.05 else "",
            low_digital_skills=rng.random() < 0.12,
        )  # fmt: skip
        if rng.random() < 0.06:
            resident.representative_kind = rng.choice([Representative.BEWINDVOERDER, Representative.SOCIAAL_RAADSMAN])
            resident.representative_name = fake.name()
            resident.representative_contact = fake.phone_number()
        return resident

    # -- cases ------------------------------------------------------------------------------------

    def new_case(self, residents: list[Resident], handlers: dict[str, list[Any]]) -> bulk.NewCase:
        rng = self.rng
        case_type = _weighted(rng, TYPE_WEIGHTS)
        subject = self.subjects[_weighted(rng, SUBJECT_WEIGHTS)]
        received = self._received_on(subject.name)
        team_name = rng.choice(TEAM_FOR_TYPE[case_type])
        # Repeat filers: a small group of residents accounts for many cases (Pareto-like).
        resident = residents[min(int(rng.paretovariate(1.2)) - 1, len(residents) - 1)] if rng.random() < 0.25 \
            else rng.choice(residents)  # fmt: skip
        handler = rng.choice(handlers[team_name]) if rng.random() < 0.93 else None
        new = bulk.NewCase(
            case_type=case_type, received_on=received,
            channel=_weighted(rng, CHANNELS.get(case_type, DEFAULT_CHANNELS)),
            team=self.teams[team_name], handler=handler, subject=subject, resident=resident,
            description=rng.choice(TEXTS[case_type]).format(subject=SUBJECT_PHRASES.get(subject.name, subject.name)),
            nature=self.natures[_weighted(rng, NATURE_WEIGHTS)] if case_type == CaseType.KLACHT else None,
            created_at=_at(received, rng),
        )  # fmt: skip
        self._deadline_facts(new)
        self._lifecycle(new)
        return new

    def _received_on(self, subject: str) -> date:
        """Four calendar years up to today, like a team's registration export: a slightly different
        volume each year, more in autumn, and the energietoeslag complaints in a wave each autumn (as in
        seed 001, where they doubled the intake). A few percent fall in the last weeks: today's work."""
        rng = self.rng
        if rng.random() < 0.03:
            return self.today - timedelta(days=rng.randint(0, 45))
        first = self.today.year - 3
        year = _weighted(rng, {first + i: weight for i, weight in enumerate(YEAR_WEIGHTS)})
        while True:
            if subject == "energietoeslag" and rng.random() < 0.7:
                day = date(year, rng.choice((9, 10, 11)), rng.randint(1, 28))
            else:
                day = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
            if day <= self.today and (day.month in (9, 10, 11) or rng.random() < 0.85):
                return day

    def _deadline_facts(self, new: bulk.NewCase) -> None:
        rng = self.rng
        if new.case_type == CaseType.BEZWAAR:
            new.decision_sent_on = new.received_on - timedelta(days=rng.choice([5, 12, 20, 30, 38, 41, 45, 60]))
            new.committee = rng.random() < 0.3
        if new.case_type == CaseType.BEROEP:
            new.filed_at_court_on = new.received_on - timedelta(days=rng.choice([1, 2, 3, 5, 8, 14, 30]))
        if new.case_type == CaseType.KLACHT:
            new.committee = rng.random() < 0.1
        rule = deadlines.get_rule(new.case_type)
        if rule.postponement and rng.random() < 0.12:
            new.postponed_on = new.received_on + timedelta(days=rng.randint(10, 25))
        if (
            new.case_type in (CaseType.AANVRAAG, CaseType.WMO_AANVRAAG, CaseType.BEZWAAR, CaseType.WOO)
            and rng.random() < 0.1
        ):
            asked = new.received_on + timedelta(days=rng.randint(3, 12))
            new.suspensions.append(
                bulk.NewSuspension(asked, asked + timedelta(days=14), asked + timedelta(days=rng.randint(3, 14)),
                                   "Kopie van de bankafschriften van de laatste drie maanden.")
            )  # fmt: skip

    def _lifecycle(self, new: bulk.NewCase) -> None:
        rng = self.rng
        due = bulk.new_case_deadline(deadlines.get_rule(new.case_type), new).due
        term = max((due - new.received_on).days, 2)
        roll = rng.random()
        lead = int(rng.uniform(1, term)) if roll < 0.72 else int(term * rng.uniform(1.0, 1.6)) if roll < 0.92 \
            else int(term * rng.uniform(1.6, 3.0))  # fmt: skip
        closed_on = new.received_on + timedelta(days=max(lead, 0))
        # Postponement and suspension facts must lie in the past.
        if new.postponed_on and new.postponed_on > min(self.today, due):
            new.postponed_on = None
        new.suspensions = [s for s in new.suspensions if s.resolved_on and s.resolved_on <= self.today]
        self._events_received(new)
        if closed_on <= self.today and rng.random() < 0.97:
            self._close(new, closed_on)
        elif new.handler is not None:
            new.status = Status.IN_BEHANDELING

    def _events_received(self, new: bulk.NewCase) -> None:
        rng, day = self.rng, new.received_on
        label = CaseType(new.case_type).label
        new.events.append(bulk.NewEvent(EventKind.RECEIVED, _at(day, rng), f"{label} ontvangen."))
        if new.handler is not None:
            name = new.handler.get_full_name()
            new.events.append(bulk.NewEvent(EventKind.ASSIGNED, _at(day, rng), f"Toegewezen aan {name}."))
        for s in new.suspensions:
            new.events.append(
                bulk.NewEvent(
                    EventKind.INFORMATION_REQUESTED,
                    _at(s.requested_on, rng),
                    f"Aanvulling gevraagd: {s.reason}",
                    actor=new.handler,
                )
            )
            new.events.append(bulk.NewEvent(EventKind.INFORMATION_RECEIVED, _at(s.resolved_on, rng),
                                            "Aanvulling ontvangen.", actor=new.handler))  # fmt: skip
        if new.postponed_on:
            new.events.append(
                bulk.NewEvent(
                    EventKind.POSTPONED,
                    _at(new.postponed_on, rng),
                    "Verdaagd: advies van de vakafdeling is nodig.",
                    actor=new.handler,
                )
            )
        if new.case_type == CaseType.TERUGBELVERZOEK:
            self._callback_attempts(new)

    def _callback_attempts(self, new: bulk.NewCase) -> None:
        rng = self.rng
        tries = rng.choice([1, 1, 1, 2, 2, 3])
        for n in range(tries):
            moment = _at(min(new.received_on + timedelta(days=n), self.today), rng)
            reached = n == tries - 1 and rng.random() < 0.85
            new.contact_attempts.append(bulk.NewContactAttempt(moment, reached, by=new.handler))
            text = "bereikt" if reached else "niet bereikt"
            new.events.append(bulk.NewEvent(EventKind.CONTACT_ATTEMPT, moment, f"Gebeld: {text}.", actor=new.handler))

    def _close(self, new: bulk.NewCase, closed_on: date) -> None:
        outcome = _weighted(self.rng, OUTCOME_WEIGHTS[new.case_type])
        failed = sum(not a.reached for a in new.contact_attempts)
        if outcome == Outcome.NIET_BEREIKT and failed < 3:
            outcome = Outcome.BEANTWOORD
        if new.case_type == CaseType.BEZWAAR and outcome == Outcome.NIET_ONTVANKELIJK and new.decision_sent_on:
            new.decision_sent_on = new.received_on - timedelta(days=60)  # make the late filing visible
        new.status, new.outcome, new.closed_on = Status.AFGEHANDELD, outcome, closed_on
        new.closing_text = self.rng.choice(CLOSING_TEXTS)
        new.complex = self.rng.random() < 0.05
        new.events.append(bulk.NewEvent(
            EventKind.CLOSED, _at(closed_on, self.rng), f"Afgehandeld: {Outcome(outcome).label.lower()}.",
            actor=new.handler, data={"outcome": outcome},
        ))  # fmt: skip


def chain_links(cases: list[Case], rng: random.Random) -> list[CaseLink]:
    """Link some complaints to a later objection of the same resident, and objections to an appeal."""
    by_resident: dict[int, list[Case]] = {}
    for case in sorted(cases, key=lambda c: c.received_on):
        if case.resident_id:
            by_resident.setdefault(case.resident_id, []).append(case)
    links = []
    order = {CaseType.KLACHT: 0, CaseType.BEZWAAR: 1, CaseType.BEROEP: 2}
    for resident_cases in by_resident.values():
        chain = [c for c in resident_cases if c.case_type in order]
        for earlier, later in pairwise(chain):
            if order[later.case_type] == order[earlier.case_type] + 1 and rng.random() < 0.8:
                links.append(CaseLink(from_case=later, to_case=earlier, kind=LinkKind.FOLLOWS_FROM))
    return links


def generate(*, organisation: Organisation, cases: int, seed: int, batch: int = 5000) -> int:
    """Bring the organisation to at least `cases` cases; returns how many were added (0 when the demo
    data is already there: the command is idempotent)."""
    existing = Case.objects.filter(organisation=organisation).count()
    if existing >= cases:
        return 0
    demo = Demo(organisation, seed=seed + existing)
    with transaction.atomic():
        handlers = demo.ensure_staff()
        residents = demo.residents(max(50, cases * 2 // 5))
    added = 0
    while added < cases - existing:
        size = min(batch, cases - existing - added)
        with transaction.atomic():
            created = bulk.cases_bulk_create(
                organisation=organisation, new_cases=[demo.new_case(residents, handlers) for _ in range(size)]
            )
            bulk.case_links_bulk_create(links=chain_links(created, demo.rng))
        added += size
    _showcase(demo, residents, handlers)
    return added


def _showcase(demo: Demo, residents: list[Resident], handlers: dict[str, list[Any]]) -> None:
    """A few cases written through the real services: a fresh safety-flagged complaint and a case that
    waits for the resident, so the demo shows those states."""
    if Case.objects.filter(organisation=demo.organisation, safety_flag=True).exists():
        return
    handler = get_user_model().objects.get(username="behandelaar")
    klacht = services.case_register(
        organisation=demo.organisation, case_type=CaseType.KLACHT, received_on=demo.today - timedelta(days=3),
        channel=Channel.TELEFOON, team=demo.teams["BBK"], subject=demo.subjects["terugvordering"],
        nature=demo.natures["bejegening"], resident=residents[1], handler=handler,
        description="Inwoner is boos over de terugvordering en zegt dat hij 'er een einde aan wil maken'.",
    )  # fmt: skip
    services.case_start(case=klacht, actor=handler)
    services.case_flag_safety(case=klacht, actor=handler, note="Inwoner sprak over suïcide. 113 genoemd.")
    bezwaar = services.case_register(
        organisation=demo.organisation, case_type=CaseType.BEZWAAR, received_on=demo.today - timedelta(days=10),
        channel=Channel.POST, team=demo.teams["BBK"], subject=demo.subjects["bijzondere bijstand"],
        resident=residents[2], handler=handler, decision_sent_on=demo.today - timedelta(days=30),
        description="Bezwaar tegen de afwijzing van bijzondere bijstand voor een bril.",
    )  # fmt: skip
    services.case_start(case=bezwaar, actor=handler)
    services.case_request_information(
        case=bezwaar, actor=handler, requested_on=demo.today - timedelta(days=2),
        repair_until=demo.today + timedelta(days=12), what="Stuur de offerte van de opticien mee.",
    )  # fmt: skip
    # Four-eyes (seed 001 §3): a rejected bezwaar needs a second reader; one waits for the coördinator.
    CaseTypeSetting.objects.update_or_create(
        organisation=demo.organisation, case_type=CaseType.BEZWAAR, defaults={"four_eyes": True}
    )
    second_look = services.case_register(
        organisation=demo.organisation, case_type=CaseType.BEZWAAR, received_on=demo.today - timedelta(days=40),
        channel=Channel.EMAIL, team=demo.teams["BBK"], subject=demo.subjects["bijzondere bijstand"],
        resident=residents[3], handler=handler, decision_sent_on=demo.today - timedelta(days=60),
        description="Bezwaar tegen de hoogte van de terugvordering van bijzondere bijstand.",
    )  # fmt: skip
    services.case_start(case=second_look, actor=handler)
    services.case_propose_close(
        case=second_look, actor=handler, outcome=Outcome.ONGEGROND,
        closing_text="Het besluit is juist: de kosten vallen onder de algemene bijstand.",
    )  # fmt: skip
