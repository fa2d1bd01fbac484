"""`GET /api/v1/reports/`: the Monitor's figures as DOMAIN.md §9's JSON, exactly what
`casus.monitor.figures.report` (and `manage.py report`) gives, for the caller's organisation only.

The query parameters are checked here with the same Dutch messages as the `report` command, with the
parameter's name where the command names its option. The serializers at the end only describe the
answer in the OpenAPI schema; the answer itself is figures.report's dict as it is.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from casus.access.permissions import organisations_for
from casus.cases.domain import CaseType, CategoryKind
from casus.cases.models import Category, Organisation, Team
from casus.monitor.figures import Filters

from .errors import InvalidParameter
from .serializers import EARLIEST, LATEST

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(params: QueryDict, name: str, *, required: bool = False) -> date | None:
    value = params.get(name, "")
    if not value:
        if required:
            raise InvalidParameter(name, f"{name}: vul een datum in (JJJJ-MM-DD).")
        return None
    try:
        if not ISO_DAY.fullmatch(value):
            raise ValueError(value)
        day = date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(name, f"{name}: '{value}' is geen geldige datum; gebruik JJJJ-MM-DD.") from None
    if not EARLIEST <= day <= LATEST:
        raise InvalidParameter(name, f"{name}: '{value}' ligt buiten de jaren 1990-2100.")
    return day


def report_organisation(user: Any, slug: str) -> Organisation:
    """The one organisation whose figures the caller reads: theirs, or with several the one named."""
    allowed = Organisation.objects.filter(pk__in=organisations_for(user, "reports.view") or ()).order_by("slug")
    if slug:
        chosen = None if "\x00" in slug else allowed.filter(slug=slug).first()
        if chosen is None:
            raise InvalidParameter("organisation", f"Onbekende organisatie '{slug}', of u mag haar cijfers niet zien.")
        return chosen
    found = list(allowed[:2])
    if len(found) != 1:  # none cannot happen: the rule reports.view let the caller in
        slugs = ", ".join(allowed.values_list("slug", flat=True))
        reason = f"U mag de cijfers van meer dan één organisatie zien; kies er een met organisation ({slugs})."
        raise InvalidParameter("organisation", reason)
    return found[0]


def report_filters(user: Any, params: QueryDict) -> Filters:
    """The Filters for figures.report from the query string, or InvalidParameter (400) in Dutch."""
    date_from = _day(params, "from", required=True)
    date_to = _day(params, "to", required=True)
    assert date_from is not None and date_to is not None
    if date_from > date_to:
        raise InvalidParameter("from", "from ligt na to: de periode is leeg.")
    compare_from = _day(params, "compare_from")
    compare_to = _day(params, "compare_to")
    if (compare_from is None) != (compare_to is None):
        reason = "Geef voor de vergelijkingsperiode zowel compare_from als compare_to."
        raise InvalidParameter("compare_to" if compare_to is None else "compare_from", reason)
    if compare_from and compare_to and compare_from > compare_to:
        raise InvalidParameter("compare_from", "compare_from ligt na compare_to: de vergelijkingsperiode is leeg.")
    organisation = report_organisation(user, params.get("organisation", ""))
    case_type = params.get("type") or None
    if case_type and case_type not in CaseType.values:
        raise InvalidParameter("type", f"Onbekend zaaktype '{case_type}'. Kies uit: {', '.join(CaseType.values)}.")
    team = params.get("team") or None
    if team and ("\x00" in team or not Team.objects.filter(organisation=organisation, name=team).exists()):
        raise InvalidParameter("team", f"Onbekend team '{team}'.")
    subject = params.get("subject") or None
    kinds = [CategoryKind.SUBJECT, CategoryKind.DOMAIN]
    if subject and ("\x00" in subject or not Category.objects.filter(kind__in=kinds, name=subject).exists()):
        raise InvalidParameter("subject", f"Onbekend onderwerp '{subject}'.")
    return Filters(
        date_from=date_from, date_to=date_to, case_type=case_type, team=team, subject=subject,
        organisation=organisation, compare_from=compare_from, compare_to=compare_to,
    )  # fmt: skip


def filters_for_audit(f: Filters) -> dict[str, str]:
    given = {
        "from": f.date_from, "to": f.date_to, "type": f.case_type, "team": f.team, "subject": f.subject,
        "compare_from": f.compare_from, "compare_to": f.compare_to,
    }  # fmt: skip
    return {key: str(value) for key, value in given.items() if value}


# --- the OpenAPI description ----------------------------------------------------------------------

_DAY = "Een datum als JJJJ-MM-DD, tussen 1990 en 2100."
PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, required=True, description="Begin van de periode. " + _DAY),
    OpenApiParameter("to", OpenApiTypes.DATE, required=True, description="Einde van de periode (inclusief). " + _DAY),
    OpenApiParameter("type", str, enum=CaseType.values, description="Alleen dit zaaktype."),
    OpenApiParameter("team", str, description="Alleen dit team (de naam, zoals in de Monitor)."),
    OpenApiParameter("subject", str, description="Alleen dit onderwerp of sociaal domein (de naam)."),
    OpenApiParameter("compare_from", OpenApiTypes.DATE, description="Begin van de vergelijkingsperiode. " + _DAY),
    OpenApiParameter("compare_to", OpenApiTypes.DATE, description="Einde van de vergelijkingsperiode. " + _DAY),
    OpenApiParameter(
        "organisation", str,
        description="De korte naam (slug) van de organisatie; alleen nodig wie de cijfers van meer dan één "
        "organisatie mag zien.",
    ),
]  # fmt: skip


def _serializer(name: str, fields: dict[str, serializers.Field], doc: str = "") -> type[serializers.Serializer]:
    """A serializer with field names that are not Python names ("4+", "6_to_10_weeks")."""
    return type(name, (serializers.Serializer,), {**fields, "__doc__": doc})


def _share(**kwargs: Any) -> serializers.FloatField:
    return serializers.FloatField(allow_null=True, min_value=0, max_value=1, **kwargs)


def _counts(help_text: str) -> serializers.DictField:
    return serializers.DictField(child=serializers.IntegerField(min_value=0), help_text=help_text)


ReportPeriod = _serializer("ReportPeriod", {"from": serializers.DateField(), "to": serializers.DateField()})
ReportFilters = _serializer(
    "ReportFilters",
    {name: serializers.CharField(required=False) for name in ("type", "team", "subject")},
    "De gebruikte filters; alleen de gegeven.",
)
ReportReceived = _serializer("ReportReceived", {
    "total": serializers.IntegerField(min_value=0),
    "by_month": _counts("Per maand ('JJJJ-MM'), elke maand van de periode."),
    "change_vs_compare": serializers.FloatField(allow_null=True, help_text="Alleen met een vergelijkingsperiode."),
}, "Het cohort ontvangen: zaken ontvangen in de periode.")  # fmt: skip
ReportSubject = _serializer("ReportSubject", {
    "subject": serializers.CharField(), "count": serializers.IntegerField(min_value=0), "share": _share(),
})  # fmt: skip
ReportChannel = _serializer("ReportChannel", {
    "channel": serializers.CharField(), "count": serializers.IntegerField(min_value=0),
})  # fmt: skip
ReportNature = _serializer("ReportNature", {
    "nature": serializers.CharField(), "count": serializers.IntegerField(min_value=0),
})  # fmt: skip
ReportTeam = _serializer("ReportTeam", {
    "team": serializers.CharField(),
    **{name: serializers.IntegerField(min_value=0) for name in ("received", "closed", "gegrond", "deels_gegrond")},
})  # fmt: skip
ReportRepeatFilers = _serializer(
    "ReportRepeatFilers",
    {name: serializers.IntegerField(min_value=0) for name in ("2", "3", "4+")},
    "Inwoners met precies 2, precies 3 en 4 of meer zaken in het cohort ontvangen.",
)
ReportClosed = _serializer("ReportClosed", {
    "total": serializers.IntegerField(min_value=0), "by_outcome": _counts("Per uitkomst, grootste eerst."),
}, "Het cohort afgehandeld: zaken afgehandeld in de periode.")  # fmt: skip
ReportFounded = _serializer("ReportFounded", {
    "subject": serializers.CharField(), "closed": serializers.IntegerField(min_value=0),
    "gegrond": serializers.IntegerField(min_value=0), "rate": _share(),
})  # fmt: skip
_BUCKETS = {"within_6_weeks": _share(), "6_to_10_weeks": _share(), "over_10_weeks": _share()}
ReportBuckets = _serializer("ReportBuckets", {name: _share() for name in _BUCKETS})
ReportLeadTime = _serializer("ReportLeadTime", {
    **_BUCKETS,
    "median_days": serializers.FloatField(allow_null=True),
    "p90_days": serializers.FloatField(allow_null=True),
    "within_term": _share(),
    "by_close_month": serializers.DictField(child=ReportBuckets(), help_text="Per maand van afhandeling."),
}, "Doorlooptijd (afgehandeld − ontvangen, kalenderdagen) over het cohort afgehandeld.")  # fmt: skip
ReportTrend = _serializer("ReportTrend", {
    "by_year": _counts("Ontvangen per kalenderjaar, over alle gegevens (de periode telt niet)."),
    "slope_per_year": serializers.FloatField(allow_null=True),
})  # fmt: skip
ReportSerializer = _serializer("Report", {
    "period": ReportPeriod(),
    "filters": ReportFilters(),
    "received": ReportReceived(),
    "by_subject": ReportSubject(many=True),
    "top3_subjects_share": _share(),
    "by_channel": ReportChannel(many=True),
    "by_nature": ReportNature(many=True),
    "by_team": ReportTeam(many=True),
    "repeat_filers": ReportRepeatFilers(),
    "closed": ReportClosed(),
    "founded_by_subject": ReportFounded(many=True),
    "informal_rate": _share(),
    "lead_time": ReportLeadTime(),
    "trend": ReportTrend(),
}, "De rapportage van de Monitor (DOMAIN.md §9); definities in docs/monitor.md.")  # fmt: skip
