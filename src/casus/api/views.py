"""The REST API: thin views that parse with a serializer and call the same services as the UI."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from casus.access.audit import audit
from casus.access.models import AuditAction
from casus.access.permissions import HANDLING_ROLES, access_for, can, visible_cases, visible_residents
from casus.access.rules import Rule
from casus.cases import selectors, services
from casus.cases.domain import TeamRole
from casus.cases.models import Case, Category, Team, TeamMembership
from casus.dbrouting import reporting
from casus.monitor import figures

from . import reports
from . import serializers as s
from .pagination import IdCursorPagination
from .permissions import CasusRulePermission
from .services import resident_for_registration

ID = r"\d{1,18}"
CASE_VIEW = Rule("case.view", subject="cases.case", kwarg="pk", audit_view=True)
CASE_EDIT = Rule("case.edit", subject="cases.case", kwarg="pk")


class ApiMixin:
    def get_authenticate_header(self, request: Request) -> str | None:
        # 401 with WWW-Authenticate only for a request that sent credentials; otherwise 403, as every
        # other refused page of Casus answers (the permission matrix counts on it).
        if request.META.get("HTTP_AUTHORIZATION"):
            return "Token"
        return None


def _invalid(name: str, reason: str) -> serializers.ValidationError:
    return serializers.ValidationError({name: [reason]})


class CaseViewSet(ApiMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID
    casus_rules = {
        "list": Rule("workspace.use"),
        "create": Rule("workspace.use"),
        "retrieve": CASE_VIEW,
        **{
            name: CASE_EDIT
            for name in (
                "assign", "start", "request_information", "information_received", "postpone", "extend",
                "contact_attempt", "note", "close", "reopen", "flag_safety", "link", "propose_close",
                "review_approve", "review_return",
            )
        },
    }  # fmt: skip

    def get_queryset(self) -> QuerySet[Case]:
        related = ("team", "handler", "subject")
        return visible_cases(self.request.user).select_related(*related).order_by("-received_on", "-id")

    def get_serializer_class(self) -> type[serializers.Serializer]:
        return s.CaseListSerializer if self.action == "list" else s.CaseDetailSerializer

    def _detail(self, case: Case, code: int = status.HTTP_200_OK) -> Response:
        return Response(s.CaseDetailSerializer(selectors.case_detail(pk=case.pk)).data, status=code)

    def _parse(self, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
        parsed = serializer_class(data=self.request.data)
        parsed.is_valid(raise_exception=True)
        return parsed.validated_data

    @extend_schema(parameters=[s.CaseFilterSerializer], summary="Zaken die u mag zien")
    def list(self, request: Request) -> Response:
        filters = s.CaseFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        # Rows as dicts, not Case objects: the busiest answer of the API, 50 cases a page (performance.md).
        rows = _filtered(visible_cases(request.user), filters.validated_data).values(*s.CaseListSerializer.columns)
        page = self.paginate_queryset(rows.order_by("-received_on", "-id"))
        return self.get_paginated_response([s.case_list_row(row) for row in page])

    @extend_schema(summary="Een zaak met tijdlijn (het inzien wordt gelogd)")
    def retrieve(self, request: Request, pk: str) -> Response:
        return self._detail(self.casus_object)

    @extend_schema(request=s.CaseRegisterSerializer, responses={201: s.CaseDetailSerializer}, summary="Registreren")
    def create(self, request: Request) -> Response:
        data = self._parse(s.CaseRegisterSerializer)
        with transaction.atomic():  # a new resident is only kept with the case
            case = services.case_register(actor=request.user, **_registration(request.user, data))
        return self._detail(case, status.HTTP_201_CREATED)

    def _act(self, serializer_class: type[serializers.Serializer], call: Callable[..., Any]) -> Response:
        data = self._parse(serializer_class)
        call(case=self.casus_object, actor=self.request.user, **data)
        return self._detail(self.casus_object)

    @extend_schema(request=s.AssignSerializer, responses=s.CaseDetailSerializer, summary="Toewijzen of overdragen")
    @action(detail=True, methods=["post"])
    def assign(self, request: Request, pk: str) -> Response:
        data = self._parse(s.AssignSerializer)
        team = _team_of_case(self.casus_object, data.get("team"))
        handler = _handler_in(team, data["handler"])
        services.case_assign(case=self.casus_object, handler=handler, actor=request.user, reason=data["reason"],
                             team=team if data.get("team") else None)  # fmt: skip
        return self._detail(self.casus_object)

    @extend_schema(request=None, responses=s.CaseDetailSerializer, summary="In behandeling nemen")
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str) -> Response:
        services.case_start(case=self.casus_object, actor=request.user)
        return self._detail(self.casus_object)

    @extend_schema(request=s.RequestInformationSerializer, responses=s.CaseDetailSerializer,
                   summary="Om aanvulling vragen (opschorten, Awb 4:15)")  # fmt: skip
    @action(detail=True, methods=["post"], url_path="request-information")
    def request_information(self, request: Request, pk: str) -> Response:
        data = self._parse(s.RequestInformationSerializer)
        data.setdefault("requested_on", timezone.localdate())
        services.case_request_information(case=self.casus_object, actor=request.user, **data)
        return self._detail(self.casus_object)

    @extend_schema(request=s.InformationReceivedSerializer, responses=s.CaseDetailSerializer,
                   summary="Aanvulling ontvangen")  # fmt: skip
    @action(detail=True, methods=["post"], url_path="information-received")
    def information_received(self, request: Request, pk: str) -> Response:
        data = self._parse(s.InformationReceivedSerializer)
        data.setdefault("received_on", timezone.localdate())
        services.case_information_received(case=self.casus_object, actor=request.user, **data)
        return self._detail(self.casus_object)

    @extend_schema(request=s.PostponeSerializer, responses=s.CaseDetailSerializer, summary="Verdagen")
    @action(detail=True, methods=["post"])
    def postpone(self, request: Request, pk: str) -> Response:
        data = self._parse(s.PostponeSerializer)
        data.setdefault("notice_sent_on", timezone.localdate())
        services.case_postpone(case=self.casus_object, actor=request.user, **data)
        return self._detail(self.casus_object)

    @extend_schema(request=s.ExtendSerializer, responses=s.CaseDetailSerializer, summary="Verder uitstellen")
    @action(detail=True, methods=["post"])
    def extend(self, request: Request, pk: str) -> Response:
        return self._act(s.ExtendSerializer, services.case_extend)

    @extend_schema(request=s.ContactAttemptSerializer, responses=s.CaseDetailSerializer, summary="Contactpoging")
    @action(detail=True, methods=["post"], url_path="contact-attempt")
    def contact_attempt(self, request: Request, pk: str) -> Response:
        data = self._parse(s.ContactAttemptSerializer)
        data.setdefault("attempted_at", timezone.now())
        services.case_record_contact_attempt(case=self.casus_object, actor=request.user, **data)
        return self._detail(self.casus_object)

    @extend_schema(request=s.NoteSerializer, responses=s.CaseDetailSerializer, summary="Notitie")
    @action(detail=True, methods=["post"])
    def note(self, request: Request, pk: str) -> Response:
        return self._act(s.NoteSerializer, services.case_add_note)

    @extend_schema(request=s.CloseSerializer, responses=s.CaseDetailSerializer, summary="Afhandelen")
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str) -> Response:
        return self._act(s.CloseSerializer, services.case_close)

    @extend_schema(request=s.ReopenSerializer, responses=s.CaseDetailSerializer, summary="Heropenen")
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str) -> Response:
        return self._act(s.ReopenSerializer, services.case_reopen)

    @extend_schema(request=s.FlagSafetySerializer, responses=s.CaseDetailSerializer, summary="Veiligheidssignaal")
    @action(detail=True, methods=["post"], url_path="flag-safety")
    def flag_safety(self, request: Request, pk: str) -> Response:
        return self._act(s.FlagSafetySerializer, services.case_flag_safety)

    @extend_schema(request=s.LinkSerializer, responses=s.CaseDetailSerializer, summary="Koppelen aan een andere zaak")
    @action(detail=True, methods=["post"])
    def link(self, request: Request, pk: str) -> Response:
        data = self._parse(s.LinkSerializer)
        other = _other_case(request.user, self.casus_object, data)
        services.case_link(case=self.casus_object, other=other, kind=data["kind"], actor=request.user)
        return self._detail(self.casus_object)

    @extend_schema(request=s.ProposeCloseSerializer, responses=s.CaseDetailSerializer,
                   summary="Afhandeling voorstellen (vier ogen)")  # fmt: skip
    @action(detail=True, methods=["post"], url_path="propose-close")
    def propose_close(self, request: Request, pk: str) -> Response:
        return self._act(s.ProposeCloseSerializer, services.case_propose_close)

    @extend_schema(request=None, responses=s.CaseDetailSerializer, summary="Voorstel tot afhandeling goedkeuren")
    @action(detail=True, methods=["post"], url_path="review-approve")
    def review_approve(self, request: Request, pk: str) -> Response:
        services.case_review_approve(case=self.casus_object, actor=request.user)
        return self._detail(self.casus_object)

    @extend_schema(request=s.ReviewReturnSerializer, responses=s.CaseDetailSerializer,
                   summary="Voorstel tot afhandeling terugsturen")  # fmt: skip
    @action(detail=True, methods=["post"], url_path="review-return")
    def review_return(self, request: Request, pk: str) -> Response:
        return self._act(s.ReviewReturnSerializer, services.case_review_return)


def _filtered(queryset: QuerySet[Case], filters: dict[str, Any]) -> QuerySet[Case]:
    lookups = {"type": "case_type", "status": "status", "team": "team_id",
               "received_from": "received_on__gte", "received_to": "received_on__lte"}  # fmt: skip
    queryset = queryset.filter(**{lookups[key]: value for key, value in filters.items() if key in lookups})
    if "state" in filters:
        queryset = selectors.filter_state(queryset.filter(closed_on__isnull=True), filters["state"])
    return queryset


def _registration(user: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The service's arguments: the team must be one the user handles for; subject/nature exist;
    the resident is one the user may see."""
    teams = access_for(user).team_ids(TeamRole.BEHANDELAAR, TeamRole.COORDINATOR)
    team_id = data.pop("team", None)
    if team_id is None and len(teams) != 1:
        raise _invalid("team", "Kies het team dat de zaak behandelt.")
    team = Team.objects.filter(pk=team_id or next(iter(teams)), pk__in=teams).select_related("organisation").first()
    if team is None:
        raise _invalid("team", "U kunt geen zaak registreren voor dit team.")
    for name in ("subject", "nature"):
        if name in data:
            data[name] = Category.objects.filter(pk=data[name]).first() or _raise(name, "Deze categorie bestaat niet.")
    if "resident" in data:
        resident = visible_residents(user).filter(pk=data["resident"]).first()
        data["resident"] = resident or _raise("resident", "Deze inwoner bestaat niet of u mag deze niet zien.")
    if "new_resident" in data:
        new_resident = data.pop("new_resident")
        data["resident"], _ = resident_for_registration(organisation=team.organisation, data=new_resident)
    return {"organisation": team.organisation, "team": team, **data}


def _raise(name: str, reason: str) -> Any:
    raise _invalid(name, reason)


def _other_case(user: Any, case: Case, data: dict[str, Any]) -> Case:
    """The case to link to, by id or by reference (within the case's organisation); only a case the
    user may see, and a case they may not see answers exactly like one that does not exist."""
    if "other" in data:
        other = Case.objects.filter(pk=data["other"]).first()
    else:
        other = Case.objects.filter(organisation_id=case.organisation_id, reference=data["other_reference"]).first()
    if other is None or not can(user, "case.view", other):
        return _raise("other", "Deze zaak bestaat niet of u mag deze niet zien.")
    return other


def _team_of_case(case: Case, team_id: int | None) -> Team | None:
    if team_id is None:
        return case.team
    team = Team.objects.filter(pk=team_id, organisation_id=case.organisation_id, active=True).first()
    return team or _raise("team", "Dit team bestaat niet in deze organisatie.")


def _handler_in(team: Team | None, user_id: int) -> Any:
    """A handler must be an active member of the team (behandelaar or coördinator)."""
    members = TeamMembership.objects.filter(team=team, role__in=HANDLING_ROLES - {TeamRole.KWALITEIT})
    handler = get_user_model().objects.filter(pk=user_id, is_active=True, memberships__in=members).first()
    return handler or _raise("handler", "Deze medewerker is geen behandelaar of coördinator van het team.")


class ReportView(ApiMixin, APIView):
    """The Monitor's report (DOMAIN.md §9) for the caller's organisation; the call is audited as an
    export of figures."""

    casus_rule = Rule("reports.view")
    api_scope = "reports"  # a token needs the `reports` scope; read_cases is not enough

    @extend_schema(
        parameters=reports.PARAMETERS, summary="Rapportage (Monitor)",
        responses={
            200: reports.ReportSerializer,
            400: OpenApiResponse(description="Ongeldige parameter: problem+json met de reden in het Nederlands."),
            403: OpenApiResponse(description="Geen rapportagerechten, of het token mist de scope reports."),
        },
        description="De cijfers van de Monitor over een periode, precies als `manage.py report --format json` "
        "(DOMAIN.md §9), voor de eigen organisatie. Rechten: coördinator, kwaliteitsmedewerker, MT of "
        "functioneel beheerder; een token heeft de scope `reports` nodig. De opvraging komt in het auditlog.",
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        filters = reports.report_filters(request.user, request.query_params)
        with reporting():  # read-only: the replica when one is configured; the audit entry goes to default
            body = figures.report(filters)
        organisation = filters.organisation
        assert organisation is not None
        audit(
            AuditAction.EXPORT, organisation, request=request._request, user=request.user,
            organisation_id=organisation.pk, via="api", table="monitor.report", format="json",
            filters=reports.filters_for_audit(filters),
        )  # fmt: skip
        return Response(body)


class ResidentViewSet(ApiMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    lookup_value_regex = ID
    serializer_class = s.ResidentSerializer
    pagination_class = IdCursorPagination
    casus_rules = {
        "list": Rule("resident.list"),
        "retrieve": Rule("resident.view", subject="cases.resident", kwarg="pk", audit_view=True),
    }

    def get_queryset(self) -> QuerySet[Any]:
        return visible_residents(self.request.user).order_by("id")

    def get_object(self) -> Any:
        return self.casus_object


class TeamViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Teams of the organisations where the user has a handling role."""

    serializer_class = s.TeamSerializer
    pagination_class = IdCursorPagination
    casus_rules = {"list": Rule("workspace.use")}

    def get_queryset(self) -> QuerySet[Team]:
        return Team.objects.filter(organisation_id__in=access_for(self.request.user).all_org_ids).order_by("id")


class CategoryViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Subjects, complaint natures and social domains (shared by all organisations)."""

    serializer_class = s.CategorySerializer
    pagination_class = IdCursorPagination
    casus_rules = {"list": Rule("workspace.use")}
    queryset = Category.objects.order_by("id")


@extend_schema(exclude=True)
class SchemaView(ApiMixin, SpectacularAPIView):
    casus_rule = Rule(None)  # public: the published contract, without data
    authentication_classes: list[Any] = []
    permission_classes = [CasusRulePermission]


class DocsView(ApiMixin, SpectacularSwaggerSplitView):
    """Swagger UI with its start script as a separate file (CSP: script-src 'self')."""

    casus_rule = Rule("account")
    permission_classes = [CasusRulePermission]
    url_name = "api:schema"
    template_name = "api/swagger_ui.html"  # the stock template has an inline <style>

    def handle_exception(self, exc: Exception) -> Any:
        if isinstance(exc, NotAuthenticated):  # a browser: to the login page, and back
            return redirect_to_login(self.request.get_full_path())
        return super().handle_exception(exc)
