"""Demo data for the learning loop (invented): signals on recent cases, one theme with three
improvement actions (one finished months ago, so its effect shows; one overdue), and a first search
for suggested themes. Run after casus.cases.demo: `manage.py seed_learning_demo`.

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
from .models import ActionStatus, ImprovementAction, Signal, Theme, ThemeStatus
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


@transaction.atomic
def generate_learning(*, organisation: Organisation, seed: int = 2026, today: date | None = None) -> int:
    """Signals, a theme with actions and a first search for suggestions; returns the signals added."""
    if Signal.objects.filter(case__organisation=organisation).exists():
        return 0
    today = today or timezone.localdate()
    made = _signals(organisation, random.Random(seed), today)
    _theme(organisation, made.get("terugvordering", []), today)
    suggestions_refresh(organisation=organisation, today=today)
    return sum(len(signals) for signals in made.values())
