"""Start page, the 403 page and the privacy officer's audit log (search and CSV export)."""

from __future__ import annotations

import csv
from datetime import datetime, time
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from casus.cases.models import Case, TeamMembership

from . import services
from .audit import audit
from .models import AuditAction, AuditEntry, CaseGrant
from .permissions import HANDLING_ROLES, TeamRole, access_for, organisations_for
from .rules import audit_refusal, public, rule


@rule("account")
def home(request: HttpRequest) -> HttpResponse:
    """The start page per role: a behandelaar sees the state of Mijn werk, a coördinator the team's
    safety signals and counts first; other roles their parts of Casus."""
    from casus.workspace.views_queue import dashboard_summary, my_work_summary

    access = access_for(request.user)
    roles = sorted({TeamRole(role).label for role, teams in access.teams.items() if teams})
    context: dict[str, Any] = {"roles": roles, "team": dashboard_summary(request.user)}
    if access.has_role(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR):
        context["work"] = my_work_summary(request.user)
    return render(request, "access/home.html", context)


@public
def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Every 403, wherever it was raised (a rule, the admin, a view's own check), is in the audit log."""
    if request.user.is_authenticated:
        audit_refusal(request)
    return render(request, "access/403.html", status=403)


# Dutch labels for the keys of AuditEntry.detail on the audit page (the CSV keeps the keys).
DETAIL_LABELS = {
    "permission": "recht", "term": "zoekterm", "results": "resultaten", "table": "tabel", "format": "formaat",
    "rows": "regels", "filters": "filters", "via": "via", "change": "wijziging", "medewerker": "medewerker",
    "reden": "reden", "team": "team", "rol": "rol", "kind": "soort",
}  # fmt: skip


class AuditFilter(forms.Form):
    q = forms.CharField(label="Zoek (gebruiker, kenmerk, adres)", required=False)
    action = forms.ChoiceField(label="Handeling", required=False, choices=[("", "Alle"), *AuditAction.choices])
    object_type = forms.ChoiceField(
        label="Soort gegeven",
        required=False,
        choices=[("", "Alle"), ("cases.case", "Zaak"), ("cases.resident", "Inwoner")],
    )
    object_id = forms.CharField(label="Id van het gegeven", required=False)
    allowed = forms.ChoiceField(
        label="Uitkomst", required=False, choices=[("", "Alle"), ("1", "Toegestaan"), ("0", "Geweigerd")]
    )
    date_from = forms.DateField(label="Vanaf", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="Tot en met", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("De begindatum ligt na de einddatum.")
        return data


def _entries(request: HttpRequest, form: AuditFilter) -> QuerySet[AuditEntry]:
    """Entries of the organisations the user is privacy officer of, plus the entries that belong to no
    organisation (failed logins with an unknown user name), filtered by the form."""
    orgs = organisations_for(request.user, "audit.view")
    entries = AuditEntry.objects.filter(Q(organisation_id__in=orgs) | Q(organisation__isnull=True))
    if not form.is_valid():
        return entries.none()
    data = form.cleaned_data
    if term := data["q"].strip():
        match = Q(username__icontains=term) | Q(object_repr__icontains=term) | Q(path__icontains=term)
        if _looks_like_ip(term):
            match |= Q(ip=term)
        entries = entries.filter(match)
    if data["action"]:
        entries = entries.filter(action=data["action"])
    if data["object_type"]:
        entries = entries.filter(object_type=data["object_type"])
    if data["object_id"]:
        entries = entries.filter(object_id=data["object_id"].strip())
    if data["allowed"]:
        entries = entries.filter(allowed=data["allowed"] == "1")
    tz = timezone.get_current_timezone()
    if data["date_from"]:
        entries = entries.filter(at__gte=datetime.combine(data["date_from"], time.min, tzinfo=tz))
    if data["date_to"]:
        entries = entries.filter(at__lte=datetime.combine(data["date_to"], time.max, tzinfo=tz))
    return entries


def _looks_like_ip(term: str) -> bool:
    from ipaddress import ip_address

    try:
        ip_address(term)
    except ValueError:
        return False
    return True


@rule("audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilter(request.GET or None)
    if not request.GET:
        form = AuditFilter({})
    entries = _entries(request, form)
    page = Paginator(entries, 50).get_page(request.GET.get("pagina"))
    for entry in page:
        entry.detail_items = [(DETAIL_LABELS.get(key, key), value) for key, value in sorted(entry.detail.items())]
    if request.GET:
        audit(AuditAction.SEARCH, request=request, table="access.auditentry", filters=_filters(request))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "access/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: value for key, value in request.GET.items() if value and key != "pagina"}


class _Echo:
    def write(self, value: str) -> str:
        return value


@rule("audit.export")
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered audit log as CSV (semicolon-separated, as Dutch Excel expects), streamed."""
    form = AuditFilter(request.GET or {})
    if not form.is_valid():  # back to the page, which shows the Dutch error next to the filter
        return redirect(f"{reverse('access:audit')}?{request.GET.urlencode()}")
    entries = _entries(request, form).order_by("at", "id")
    count = entries.count()
    audit(
        AuditAction.EXPORT,
        request=request,
        table="access.auditentry",
        format="csv",
        rows=count,
        filters=_filters(request),
    )
    writer = csv.writer(_Echo(), delimiter=";")
    header = ["tijdstip", "gebruiker", "handeling", "toegestaan", "soort", "id", "gegeven", "adres", "ip", "details"]

    def rows() -> Any:
        yield "\ufeff" + writer.writerow(header)
        for entry in entries.iterator(chunk_size=2000):
            yield writer.writerow([
                timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S"), entry.username,
                entry.get_action_display(), "ja" if entry.allowed else "nee", entry.object_type, entry.object_id,
                entry.object_repr, entry.path, entry.ip or "", _detail_text(entry.detail),
            ])  # fmt: skip

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="casus-auditlog-{stamp}.csv"'
    return response


def _detail_text(detail: dict[str, Any]) -> str:
    return ", ".join(f"{key}={value}" for key, value in sorted(detail.items()))


# --- explicit access to one case -----------------------------------------------------------------


class GrantForm(forms.Form):
    user = forms.ModelChoiceField(label="Collega", queryset=None, empty_label="Kies een collega")  # type: ignore[arg-type]
    reason = forms.CharField(label="Reden", max_length=300, widget=forms.TextInput(attrs={"size": 60}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        User = get_user_model()
        members = TeamMembership.objects.filter(team__organisation_id=case.organisation_id, role__in=HANDLING_ROLES)
        self.fields["user"].queryset = User.objects.filter(is_active=True, pk__in=members.values("user_id")).order_by(
            "last_name", "first_name"
        )
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


@rule("case.grant", subject="cases.case")
def case_grants(request: HttpRequest, pk: int) -> HttpResponse:
    case: Case = request.casus_object  # type: ignore[attr-defined]
    form = GrantForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_grant(
                case=case, user=form.cleaned_data["user"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except services.GrantError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Toegang gegeven. De collega ziet het dossier nu.")
            return redirect("access:case-grants", pk=case.pk)
    grants = case.grants.select_related("user", "granted_by", "revoked_by").order_by("revoked_at", "-granted_at")
    return render(request, "access/case_grants.html", {"case": case, "form": form, "grants": grants})


@require_POST
@rule("case.grant", subject="cases.case")
def case_grant_revoke(request: HttpRequest, pk: int, grant: int) -> HttpResponse:
    case: Case = request.casus_object  # type: ignore[attr-defined]
    found = get_object_or_404(CaseGrant, pk=grant, case=case)
    try:
        services.case_grant_revoke(grant=found, actor=request.user)
    except services.GrantError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Toegang ingetrokken.")
    return redirect("access:case-grants", pk=case.pk)
