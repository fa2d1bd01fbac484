"""Demo data for the learning loop (invented): signals on recent cases, one theme with three
improvement actions (one finished months ago, so its effect shows; one overdue), the nazorg of closed
complex cases with results, a case discussion, and a first search for suggested themes. Run after
casus.cases.demo: `manage.py seed_learning_demo`.

Idempotent: an organisation that already has signals gets nothing new.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from casus.cases.domain import CaseType
from casus.cases.models import Case, Category, GuidingPrinciple, Organisation

from . import services
from .models import ActionStatus, FollowUp, FollowUpResult, ImprovementAction, Signal, Theme, ThemeStatus
from .suggestions import suggestions_refresh

# What handlers note, per subject: three recurring themes the suggestions should find.
SIGNALS = {
    "terugvordering": [
        "Inwoner begrijpt de brief over de terugvordering niet. Te veel moeilijke woorden.",
        "Weer een klacht over de brief over de terugvordering: niet duidelijk wat de inwoner moet doen.",
        "De brief over de terugvordering noemt geen bedrag per maand. Inwoner schrok.",
        "Brief terugvordering: de inwoner las er een boete in. Uitleg in gewone taal nodig.",
        "Inwoner belde drie keer om de brief over de terugvordering uitgelegd te krijgen.",
        "De terugvorderingsbrief verwijst naar artikelen, niet naar wat de inwoner kan doen.",
        "Moeilijke taal in de brief over de terugvordering, inwoner met weinig taalvaardigheid.",
        "Inwoner dacht door de brief over de terugvordering dat de uitkering stopt.",
    ],
    "energietoeslag": [
        "Afwijzing energietoeslag bij een student met een kleine bijbaan: inkomensgrens voelt onredelijk.",
        "Energietoeslag afgewezen omdat vakantiegeld meetelt. Inwoner snapt de berekening niet.",
        "Veel vragen of de energietoeslag ook geldt bij een wisselend inkomen.",
        "Inwoner kreeg de energietoeslag niet terwijl de buurvrouw met hetzelfde inkomen die wel kreeg.",
        "Afwijzing energietoeslag: de inkomensgrens houdt geen rekening met hoge vaste lasten.",
        "Energietoeslag: inwoners weten niet dat ze bezwaar kunnen maken tegen de afwijzing.",
    ],
    None: [
        "Inwoner belde vier keer voordat iemand terugbelde. Het terugbelverzoek bleef liggen.",
        "De telefoon van het team wordt 's middags niet opgenomen, inwoners bellen daarom opnieuw.",
        "Terugbelafspraak niet nagekomen omdat de klantmanager ziek was. Niemand nam het over.",
        "Inwoner kreeg geen reactie op e-mail en belde daarom drie keer.",
        "Terugbelverzoeken blijven liggen bij afwezigheid van de klantmanager.",
    ],
}

ACTIONS = [
    # title, principle, status, deadline (days from today), completed (days ago), progress notes
    ("Standaardbrief terugvordering herschrijven in B1", "vakmanschap", ActionStatus.GEREED, -130, 120,
     ["Tekst besproken met de cliëntenraad.", "Nieuwe brief in gebruik sinds deze week."]),
    ("Eerst bellen, dan de brief over een terugvordering sturen", "luisteren", ActionStatus.LOOPT, 45, None,
     ["Werkafspraak gemaakt met team Inkomen. Loopt sinds twee weken."]),
    ("Training stress-sensitief werken voor alle klantmanagers", "gastvrijheid", ActionStatus.GEPLAND, -10, None,
     []),
]  # fmt: skip


def _recent_cases(organisation: Organisation, subject: str | None, since: date) -> list[Case]:
    found = Case.objects.filter(organisation=organisation, received_on__gte=since, handler__isnull=False)
    if subject:
        found = found.filter(subject__name=subject)
    else:
        found = found.filter(case_type__in=[CaseType.KLACHT, CaseType.TERUGBELVERZOEK])
    return list(found.select_related("handler").order_by("team__name", "-received_on")[:60])


def _signals(organisation: Organisation, rng: random.Random, today: date) -> dict[str | None, list[Signal]]:
    made: dict[str | None, list[Signal]] = {}
    for subject, texts in SIGNALS.items():
        cases = _recent_cases(organisation, subject, today - timedelta(days=150))
        category = Category.objects.filter(name=subject).first() if subject else None
        for text, case in zip(texts, rng.sample(cases, min(len(cases), len(texts))), strict=False):
            signal = services.signal_record(case=case, actor=case.handler, text=text, subject=category)
            at = timezone.make_aware(datetime.combine(case.received_on + timedelta(days=2), time(10, 30)))
            Signal.objects.filter(pk=signal.pk).update(at=min(at, timezone.now()))
            made.setdefault(subject, []).append(signal)
    return made


def _theme(organisation: Organisation, signals: list[Signal], today: date) -> None:
    owner = get_user_model().objects.filter(username="kwaliteit").first()
    theme = services.theme_create(
        organisation=organisation, actor=owner, owner=owner,
        title="Brieven over terugvordering zijn moeilijk te begrijpen",
        description="Inwoners begrijpen de brief over een terugvordering niet. Ze bellen, schrikken of dienen een "
        "klacht in. Seed 001: brieven zijn niet makkelijk leesbaar qua taal.",
        subjects=Category.objects.filter(name="terugvordering"),
        principles=GuidingPrinciple.objects.filter(name__in=["betrouwbaarheid", "luisteren"]),
    )  # fmt: skip
    services.theme_add_signals(theme=theme, signals=signals, actor=owner)
    theme.status = ThemeStatus.IN_BEHANDELING
    theme.save(update_fields=["status"])
    opened = timezone.now() - timedelta(days=200)  # opened two quarters ago, so the reports have history
    Theme.objects.filter(pk=theme.pk).update(created_at=opened)
    for title, principle, status, deadline, completed, notes in ACTIONS:
        action = services.action_create(
            theme=theme, actor=owner, owner=owner, title=title, principle=GuidingPrinciple.objects.get(name=principle),
            deadline=today + timedelta(days=deadline), status=status,
            completed_on=today - timedelta(days=completed) if completed else None,
        )  # fmt: skip
        for note in notes:
            services.action_progress(action=action, actor=owner, note=note)
        ImprovementAction.objects.filter(pk=action.pk).update(created_at=opened)


FOLLOW_UP_NOTES = {
    FollowUpResult.WERKT: "Inwoner gebeld: de regeling loopt goed.",
    FollowUpResult.DEELS: "Inwoner gebeld: betalen lukt, maar de post blijft lastig.",
    FollowUpResult.NIET: "Inwoner gebeld: de schuld is weer opgelopen. Doorverwezen naar schuldhulp.",
}


def _follow_ups(rng: random.Random, today: date) -> None:
    """Plan the nazorg of closed complex cases; record a result for most of those already due."""
    services.followups_schedule(today=today)
    due = FollowUp.objects.filter(done_on__isnull=True, due_on__lt=today, handler__isnull=False)
    for follow_up in due.select_related("case", "handler"):
        if rng.random() < 0.8:
            result = rng.choices(list(FOLLOW_UP_NOTES), weights=[6, 3, 1])[0]
            done_on = min(today, follow_up.due_on + timedelta(days=rng.randint(0, 10)))
            services.followup_record(
                case=follow_up.case, actor=follow_up.handler, result=result, note=FOLLOW_UP_NOTES[result],
                done_on=done_on,
            )  # fmt: skip


def _discussion(organisation: Organisation, signals: list[Signal], today: date) -> None:
    cases = [signal.case for signal in signals[:2]]
    if cases:
        services.discussion_record(
            organisation=organisation, actor=None, held_on=today - timedelta(days=20),
            title="Terugvordering bij een inwoner met schulden", cases=cases,
            participants="jurist, beleidsmedewerker Inkomen, klantmanager, ervaringsdeskundige van de cliëntenraad",
            perspectives={
                "recht": "De wet staat toe om af te zien van terugvordering bij dringende redenen.",
                "beleid": "De beleidsregel noemt de draagkracht niet.",
                "uitvoering": "De standaardbrief gaat uit voor iemand gebeld is.",
                "inwoner": "Een brief met een groot bedrag maakt mensen bang; eerst bellen helpt.",
            },
            decision="Betalingsregeling naar draagkracht; eerst bellen, dan de brief.",
            policy_owner="Beleid Werk en Inkomen",
            signal_to_policy_owner="Neem draagkracht op in de beleidsregel terugvordering.",
        )  # fmt: skip


@transaction.atomic
def generate_learning(*, organisation: Organisation, seed: int = 2026, today: date | None = None) -> int:
    """Signals, a theme with actions and a first search for suggestions; returns the signals added."""
    if Signal.objects.filter(case__organisation=organisation).exists():
        return 0
    today = today or timezone.localdate()
    made = _signals(organisation, random.Random(seed), today)
    _theme(organisation, made.get("terugvordering", []), today)
    _follow_ups(random.Random(seed + 1), today)
    _discussion(organisation, made.get("terugvordering", []), today)
    suggestions_refresh(organisation=organisation, today=today)
    return sum(len(signals) for signals in made.values())
