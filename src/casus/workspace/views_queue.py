"""Work lists of the handlers' workspace: Mijn werk, the team's cases, unassigned cases, and the
coördinator's dashboard with the bulk hand-over.

Every list starts from `visible_cases(user)` and is ordered by urgency: `due_on` first (overdue cases
have the earliest due dates; among the others an earlier due date means fewer working days left, see
casus.cases.selectors). A search returns personal data, so every search is in the audit log with its
term and the number of cases found. Filters update the list through htmx (the view answers an htmx
request with the list only); without JavaScript the same form reloads the whole page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import HANDLING_ROLES, access_for, visible_cases
from casus.access.rules import rule
from casus.cases import services
from casus.cases.domain import CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED, OPEN_STATUSES, CaseType, CategoryKind, TeamRole
from casus.cases.models import Case, Category, ContactAttempt, Team
from casus.cases.selectors import filter_state, state_bounds
from casus.deadlines.explain import explain_deadline
from casus.learning.models import FollowUp

from .widgets import FastSelect

User = get_user_model()
PAGE_SIZE = 50
_RELATED = ("resident", "subject", "team", "handler", "organisation")
STATE_CHOICES = [("", "Alle"), ("te_laat", "Te laat"), ("dreigt", "Dreigt"), ("op_tijd", "Op tijd")]


# --- the lists -----------------------------------------------------------------------------------


class QueueFilter(forms.Form):
    q = forms.CharField(
        label="Zoeken", required=False, max_length=100,
        help_text="Kenmerk, naam van de inwoner of een woord uit de omschrijving.",
    )  # fmt: skip
    case_type = forms.ChoiceField(
        label="Zaaktype", required=False, choices=[("", "Alle"), *CaseType.choices], widget=FastSelect
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.none(), empty_label="Alle", widget=FastSelect
    )
    subject = forms.ModelChoiceField(
        label="Onderwerp",
        required=False,
        empty_label="Alle",
        queryset=Category.objects.filter(kind__in=[CategoryKind.SUBJECT, CategoryKind.DOMAIN], active=True),
        widget=FastSelect,
    )
    state = forms.ChoiceField(label="Termijn", required=False, choices=STATE_CHOICES, widget=FastSelect)

    def __init__(self, *args: Any, user: Any, path: str, **kwargs: Any) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["team"].queryset = Team.objects.filter(pk__in=access_for(user).team_ids(*HANDLING_ROLES))
        for name in ("case_type", "team", "subject", "state"):  # a choice updates the list at once (htmx)
            self.fields[name].widget.attrs["hx-get"] = path


@dataclass(frozen=True)
class Queue:
    """One of the three lists: its title, its URL name and which open cases it holds."""

    name: str
    title: str
    intro: str

    def cases(self, user: Any) -> QuerySet[Case]:
        open_cases = Case.objects.filter(status__in=OPEN_STATUSES)
        if self.name == "workspace:my-work":
            return visible_cases(user, open_cases.filter(handler_id=user.pk))
        teams = access_for(user).team_ids(*HANDLING_ROLES)
        found = visible_cases(user, open_cases.filter(team_id__in=teams))
        return found.filter(handler__isnull=True) if self.name == "workspace:unassigned" else found


MY_WORK = Queue("workspace:my-work", "Mijn werk", "Uw open zaken. De zaak met de minste tijd staat bovenaan.")
TEAM = Queue("workspace:team-queue", "Zaken van mijn team", "Alle open zaken van uw team(s), de meest dringende eerst.")
UNASSIGNED = Queue(
    "workspace:unassigned", "Niet toegewezen", "Open zaken van uw team(s) zonder behandelaar. Pak er een op."
)
QUEUES = (MY_WORK, TEAM, UNASSIGNED)


def search(cases: QuerySet[Case], term: str) -> QuerySet[Case]:
    """Every word must occur in the reference, the resident's name or the description."""
    for word in term.split():
        cases = cases.filter(
            Q(reference__icontains=word)
            | Q(description__icontains=word)
            | Q(resident__given_name__icontains=word)
            | Q(resident__initials__icontains=word)
            | Q(resident__surname__icontains=word)
            | Q(resident__surname_prefix__icontains=word)
        )
    return cases


def filtered(cases: QuerySet[Case], data: dict[str, Any]) -> QuerySet[Case]:
    if data.get("case_type"):
        cases = cases.filter(case_type=data["case_type"])
    if data.get("team"):
        cases = cases.filter(team=data["team"])
    if data.get("subject"):
        cases = cases.filter(subject=data["subject"])
    if data.get("state"):
        cases = filter_state(cases, data["state"])
    if data.get("q", "").strip():
        cases = search(cases, data["q"].strip())
    return cases


def _count(model_filter: QuerySet[Any]) -> Subquery:
    counted = model_filter.order_by().values("case_id").annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def ordered(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Most urgent first, with what a row shows in a fixed number of queries."""
    attempts = ContactAttempt.objects.filter(case=OuterRef("pk"))
    return (
        cases.select_related(*_RELATED)
        .prefetch_related("suspensions", "organisation__case_type_settings")
        .annotate(attempts=_count(attempts), failed_attempts=_count(attempts.filter(reached=False)))
        .order_by("due_on", "received_on", "id")
    )


def annotate_rows(cases: Any, today: date) -> None:
    """State, working days left and how the due date was counted, for each case on the page."""
    for case in cases:
        case.status_now = case.deadline_status(today)
        case.how = explain_deadline(services.deadline_for(case))
        case.is_callback = case.case_type == CaseType.TERUGBELVERZOEK
        case.may_close_unreached = case.failed_attempts >= CALLBACK_ATTEMPTS_BEFORE_NOT_REACHED


def queue_page(request: HttpRequest, queue: Queue) -> HttpResponse:
    form = QueueFilter(request.GET or None, user=request.user, path=request.path)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(ordered(filtered(queue.cases(request.user), data)), PAGE_SIZE).get_page(request.GET.get("pagina"))
    if data.get("q", "").strip():
        audit(AuditAction.SEARCH, request=request, term=data["q"].strip(), results=page.paginator.count, via=queue.name)
    annotate_rows(page, timezone.localdate())
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"queue": queue, "queues": QUEUES, "form": form, "page": page, "query": query.urlencode()}
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "workspace/queue/_results.html", context)
    if queue is MY_WORK:
        context.update(follow_ups=follow_ups_due(request.user), today=timezone.localdate())
    return render(request, "workspace/queue/list.html", context)


FOLLOW_UP_AHEAD = 14  # days: a follow-up shows in Mijn werk from two weeks before its date


def follow_ups_due(user: Any, on: date | None = None) -> list[FollowUp]:
    """The user's open follow-ups (nazorg, seed 000) that are due within two weeks or overdue, on cases
    they may still open: they sit in Mijn werk above the cases (schedule_followups puts them there)."""
    ahead = (on or timezone.localdate()) + timedelta(days=FOLLOW_UP_AHEAD)
    found = FollowUp.objects.filter(handler=user, done_on__isnull=True, due_on__lte=ahead)
    found = found.filter(case__in=visible_cases(user)).select_related("case", "case__subject")
    return list(found.order_by("due_on", "pk")[:50])


@rule("workspace.use")
@vary_on_headers("HX-Request")
def my_work(request: HttpRequest) -> HttpResponse:
    return queue_page(request, MY_WORK)


@rule("workspace.use")
@vary_on_headers("HX-Request")
def team_queue(request: HttpRequest) -> HttpResponse:
    return queue_page(request, TEAM)


@rule("workspace.use")
@vary_on_headers("HX-Request")
def unassigned(request: HttpRequest) -> HttpResponse:
    return queue_page(request, UNASSIGNED)


# --- counts for the start page and the dashboard ---------------------------------------------------


def state_counts(cases: QuerySet[Case], on: date | None = None) -> dict[str, int]:
    """{'te_laat': n, 'dreigt': n, 'op_tijd': n, 'total': n} in one SQL aggregate."""
    today, threshold = state_bounds(on)
    return cases.aggregate(
        te_laat=Count("id", filter=Q(due_on__lt=today)),
        dreigt=Count("id", filter=Q(due_on__gte=today, due_on__lt=threshold)),
        op_tijd=Count("id", filter=Q(due_on__gte=threshold)),
        total=Count("id"),
    )


def my_work_summary(user: Any) -> dict[str, int]:
    return state_counts(MY_WORK.cases(user))


def coordinated_teams(user: Any) -> QuerySet[Team]:
    return Team.objects.filter(pk__in=access_for(user).team_ids(TeamRole.COORDINATOR)).order_by("name")


def team_open_cases(user: Any, teams: QuerySet[Team]) -> QuerySet[Case]:
    return visible_cases(user, Case.objects.filter(status__in=OPEN_STATUSES, team__in=teams))


def safety_cases(user: Any, teams: QuerySet[Team]) -> QuerySet[Case]:
    """Open cases with a safety concern: at the top of the coördinator's pages (DOMAIN.md §7)."""
    return team_open_cases(user, teams).filter(safety_flag=True).select_related(*_RELATED).order_by("due_on", "id")


def team_members(teams: QuerySet[Team]) -> QuerySet[Any]:
    members = User.objects.filter(
        is_active=True,
        memberships__team__in=teams,
        memberships__role__in=[TeamRole.BEHANDELAAR, TeamRole.COORDINATOR],
    )
    return User.objects.filter(pk__in=members.values("pk")).order_by("first_name", "last_name", "username")


def handler_load(teams: QuerySet[Team], on: date | None = None) -> QuerySet[Any]:
    """Per team member: open cases of these teams, overdue, threatening (scalar subqueries, one query)."""
    today, threshold = state_bounds(on)
    cases = Case.objects.filter(status__in=OPEN_STATUSES, team__in=teams, handler=OuterRef("pk"))

    def count(extra: Q) -> Subquery:
        counted = cases.filter(extra).order_by().values("handler").annotate(n=Count("id")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

    return team_members(teams).annotate(
        open_count=count(Q()),
        overdue=count(Q(due_on__lt=today)),
        threatening=count(Q(due_on__gte=today, due_on__lt=threshold)),
    )


def within_term_this_month(teams: QuerySet[Team], on: date | None = None) -> list[dict[str, Any]]:
    """Per case type: cases closed this month, how many on or before their due date, and the rate."""
    today = on or timezone.localdate()
    rows = (
        Case.objects.filter(team__in=teams, closed_on__gte=today.replace(day=1), closed_on__lte=today)
        .values("case_type")
        .annotate(closed=Count("id"), within=Count("id", filter=Q(closed_on__lte=F("due_on"))))
        .order_by("case_type")
    )
    labels = dict(CaseType.choices)
    return [
        {
            **row,
            "label": labels.get(row["case_type"], row["case_type"]),
            "rate": round(100 * row["within"] / row["closed"]),
        }
        for row in rows
    ]


def dashboard_summary(user: Any) -> dict[str, Any] | None:
    """What the start page shows a coördinator; None for anyone else."""
    teams = coordinated_teams(user)
    if not teams:
        return None
    cases = team_open_cases(user, teams)
    return {
        "teams": teams,
        "safety": list(safety_cases(user, teams)[:10]),
        "counts": state_counts(cases),
        "unassigned": cases.filter(handler__isnull=True).count(),
    }


# --- the coördinator's dashboard and the bulk hand-over -------------------------------------------


class BulkHandoverForm(forms.Form):
    from_handler = forms.ModelChoiceField(
        label="Zaken van", queryset=User.objects.none(), empty_label="Kies een medewerker"
    )
    to_handler = forms.ModelChoiceField(label="Naar", queryset=User.objects.none(), empty_label="Kies een collega")
    reason = forms.CharField(
        label="Reden",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bijvoorbeeld: ziek tot en met 12 juni. De reden komt op de tijdlijn van elke zaak.",
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, label_suffix="", **kwargs)
        for name in ("from_handler", "to_handler"):
            self.fields[name].queryset = team_members(teams)
            self.fields[name].label_from_instance = lambda u: u.get_full_name() or u.get_username()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("from_handler") and data.get("from_handler") == data.get("to_handler"):
            raise forms.ValidationError("Kies twee verschillende medewerkers.")
        return data


def dashboard_context(request: HttpRequest, teams: QuerySet[Team], form: BulkHandoverForm | None = None) -> dict:
    cases = team_open_cases(request.user, teams)
    unassigned_cases = cases.filter(handler__isnull=True).select_related(*_RELATED).order_by("due_on", "id")
    return {
        "teams": teams,
        "safety": safety_cases(request.user, teams),
        "counts": state_counts(cases),
        "load": handler_load(teams),
        "rates": within_term_this_month(teams),
        "unassigned": unassigned_cases[:20],
        "unassigned_count": unassigned_cases.count(),
        "form": form or BulkHandoverForm(teams=teams),
        "month": timezone.localdate(),
    }


@rule("workspace.coordinate")
def dashboard(request: HttpRequest) -> HttpResponse:
    """The team overview of the teams the user coordinates."""
    teams = coordinated_teams(request.user)
    return render(request, "workspace/dashboard/dashboard.html", dashboard_context(request, teams))


def hand_over_all(*, from_handler: Any, to_handler: Any, teams: QuerySet[Team], actor: Any, reason: str) -> int:
    """Move every open case of `from_handler` in `teams` to `to_handler` in one transaction, one
    `case_assign` per case (its timeline event and the e-mail to the new handler included)."""
    with transaction.atomic():
        cases = Case.objects.filter(status__in=OPEN_STATUSES, team__in=teams, handler=from_handler).order_by("id")
        moved = 0
        for case in cases.select_related("handler", "organisation"):
            services.case_assign(case=case, handler=to_handler, actor=actor, reason=reason)
            moved += 1
        return moved


@rule("workspace.coordinate")
@require_POST
def bulk_handover(request: HttpRequest) -> HttpResponse:
    teams = coordinated_teams(request.user)
    form = BulkHandoverForm(request.POST, teams=teams)
    if not form.is_valid():
        return render(request, "workspace/dashboard/dashboard.html", dashboard_context(request, teams, form))
    data = form.cleaned_data
    try:
        moved = hand_over_all(**data, teams=teams, actor=request.user)
    except services.CaseError as error:
        form.add_error(None, str(error))
        return render(request, "workspace/dashboard/dashboard.html", dashboard_context(request, teams, form))
    names = {label: data[key].get_full_name() or data[key].get_username() for label, key in _NAMES}
    audit(AuditAction.CHANGE, request=request, change="zaken overgedragen", rows=moved, reden=data["reason"], **names)
    messages.success(request, _handover_message(moved, names))
    return redirect("workspace:dashboard")


_NAMES = (("van", "from_handler"), ("naar", "to_handler"))


def _handover_message(moved: int, names: dict[str, str]) -> str:
    if moved == 0:
        return f"{names['van']} had geen open zaken in uw team. Er is niets overgedragen."
    cases = "zaak" if moved == 1 else "zaken"
    return f"{moved} {cases} van {names['van']} overgedragen aan {names['naar']}. Die krijgt een e-mail."
