"""What the API shows and accepts. Output fields are read-only views of the models; input
serializers only parse, the services in casus.cases decide."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from stdnum.nl import bsn as stdnum_bsn

from casus.cases.domain import CaseType, Channel, LinkKind, Outcome, Status
from casus.cases.models import Case, Category, Event, Resident, Suspension, Team, due_status, validate_bsn

EARLIEST = date(1990, 1, 1)
LATEST = date(2100, 12, 31)


class DateField(serializers.DateField):
    """A date within the years Casus can count terms for."""

    def to_internal_value(self, value: Any) -> date:
        day = super().to_internal_value(value)
        if not EARLIEST <= day <= LATEST:
            raise serializers.ValidationError("Deze datum ligt buiten de jaren 1990-2100.")
        return day


class DateTimeField(serializers.DateTimeField):
    def to_internal_value(self, value: Any) -> Any:
        moment = super().to_internal_value(value)
        if not EARLIEST <= timezone.localdate(moment) <= LATEST:
            raise serializers.ValidationError("Dit tijdstip ligt buiten de jaren 1990-2100.")
        return moment


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def case_list_row(row: dict[str, Any]) -> dict[str, Any]:
    """One case of the list from a `.values(*CaseListSerializer.columns)` row: the same output as
    CaseListSerializer gives for the Case (tests/api/test_list_output.py compares them), without
    making a Case, its team, handler and subject for each of the 50 rows."""
    open_case = row["status"] != Status.AFGEHANDELD
    handler_name = f"{row['handler__first_name'] or ''} {row['handler__last_name'] or ''}".strip()
    return {
        "id": row["id"], "reference": row["reference"], "case_type": row["case_type"], "channel": row["channel"],
        "status": row["status"], "outcome": row["outcome"], "received_on": _day(row["received_on"]),
        "due_on": _day(row["due_on"]), "closed_on": _day(row["closed_on"]),
        "state": due_status(row["due_on"]).state.value if open_case else "",
        "team": row["team_id"], "team_name": row["team__name"] or "",
        "handler": row["handler_id"],
        "handler_name": (handler_name or row["handler__username"]) if row["handler_id"] is not None else "",
        "subject": row["subject_id"], "subject_name": row["subject__name"] or "",
        "nature": row["nature_id"], "resident": row["resident_id"], "sensitive": row["sensitive"],
        "safety_flag": row["safety_flag"],
    }  # fmt: skip


class CaseListSerializer(serializers.ModelSerializer):
    team_name = serializers.CharField(source="team.name", default="", read_only=True)
    handler_name = serializers.SerializerMethodField()
    subject_name = serializers.CharField(source="subject.name", default="", read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "reference", "case_type", "channel", "status", "outcome", "received_on", "due_on", "closed_on",
            "state", "team", "team_name", "handler", "handler_name", "subject", "subject_name", "nature",
            "resident", "sensitive", "safety_flag",
        ]  # fmt: skip
        read_only_fields = fields

    # The columns the list reads (CaseViewSet.list takes `.values()` of these for case_list_row): the
    # case's own fields and the names of its team, handler and subject, not every column of four tables.
    columns = (
        "id", "reference", "case_type", "channel", "status", "outcome", "received_on", "due_on", "closed_on",
        "team_id", "team__name", "handler_id", "handler__username", "handler__first_name", "handler__last_name",
        "subject_id", "subject__name", "nature_id", "resident_id", "sensitive", "safety_flag",
    )  # fmt: skip

    def get_handler_name(self, case: Case) -> str:
        return _name(case.handler)

    @extend_schema_field(serializers.ChoiceField(choices=["op_tijd", "dreigt", "te_laat", ""]))
    def get_state(self, case: Case) -> str:
        """Deadline state today; empty for a closed case."""
        return "" if not case.is_open else case.deadline_status().state.value


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "kind", "created_at", "actor_name", "summary"]
        read_only_fields = fields


class SuspensionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Suspension
        fields = ["requested_on", "repair_until", "resolved_on", "reason"]
        read_only_fields = fields


class CaseDetailSerializer(CaseListSerializer):
    timeline = EventSerializer(source="events", many=True, read_only=True)
    suspensions = SuspensionSerializer(many=True, read_only=True)
    within_term = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta(CaseListSerializer.Meta):
        fields = [
            *CaseListSerializer.Meta.fields, "description", "informal", "closing_text", "decision_sent_on",
            "filed_at_court_on", "committee", "postponed_on", "extended_to", "within_term", "suspensions", "timeline",
        ]  # fmt: skip
        read_only_fields = fields


class CaseFilterSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=CaseType.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    team = serializers.IntegerField(required=False, min_value=1, max_value=2**31)
    state = serializers.ChoiceField(choices=["op_tijd", "dreigt", "te_laat"], required=False)
    received_from = DateField(required=False)
    received_to = DateField(required=False)


class NewResidentSerializer(serializers.Serializer):
    """A resident who is not in Casus yet, given with the registration. With a `source_id` that is
    already known in the organisation, that resident is used (their data stays as it is)."""

    source_id = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=80,
        help_text="Het id (of pseudoniem) in het bronsysteem; een bekend id koppelt de bestaande inwoner.",
    )  # fmt: skip
    initials = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)
    given_name = serializers.CharField(required=False, default="", allow_blank=True, max_length=80)
    surname_prefix = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)
    surname = serializers.CharField(required=False, default="", allow_blank=True, max_length=120)
    street = serializers.CharField(required=False, default="", allow_blank=True, max_length=120)
    house_number = serializers.CharField(required=False, default="", allow_blank=True, max_length=20)
    postcode = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=10, help_text="Bijvoorbeeld 1312 AB."
    )
    city = serializers.CharField(required=False, default="", allow_blank=True, max_length=80)
    phone = serializers.CharField(required=False, default="", allow_blank=True, max_length=40)
    email = serializers.EmailField(required=False, default="", allow_blank=True, max_length=254)
    bsn = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=20,
        help_text="Niet verplicht; Casus controleert het met de elfproef. Wordt nooit volledig teruggegeven.",
    )  # fmt: skip
    preferred_channel = serializers.ChoiceField(choices=Channel.choices, required=False, default="", allow_blank=True)

    def validate_postcode(self, value: str) -> str:
        postcode = value.replace(" ", "").upper()
        if postcode and not (len(postcode) == 6 and postcode[:4].isdigit() and postcode[4:].isalpha()):
            raise serializers.ValidationError("Vul een postcode in zoals 1312 AB: vier cijfers en twee letters.")
        return postcode

    def validate_bsn(self, value: str) -> str:
        bsn = stdnum_bsn.compact(value) if value else ""
        if bsn and (len(bsn) != 9 or not bsn.isdigit()):
            raise serializers.ValidationError("Een BSN heeft 9 cijfers.")
        try:
            validate_bsn(bsn)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from None
        return bsn

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not (data["surname"] or data["source_id"]):
            reason = "Geef minstens de achternaam of het id in het bronsysteem (source_id) van de inwoner."
            raise serializers.ValidationError({"surname": [reason]})
        return data


class CaseRegisterSerializer(serializers.Serializer):
    case_type = serializers.ChoiceField(choices=CaseType.choices)
    received_on = DateField()
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default="")
    team = serializers.IntegerField(required=False, min_value=1, max_value=2**31)
    subject = serializers.IntegerField(required=False, min_value=1, max_value=2**31)
    nature = serializers.IntegerField(required=False, min_value=1, max_value=2**31)
    resident = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31, help_text="Id van een inwoner die al in Casus staat."
    )
    new_resident = NewResidentSerializer(
        required=False, help_text="Of: een inwoner die nog niet in Casus staat (niet samen met resident)."
    )
    description = serializers.CharField(required=False, default="", allow_blank=True, max_length=10_000)
    decision_sent_on = DateField(required=False)
    posted_on = DateField(required=False)
    filed_at_court_on = DateField(required=False)
    committee = serializers.BooleanField(required=False, default=False)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if "resident" in data and "new_resident" in data:
            reason = "Geef óf een bestaande inwoner (resident), óf een nieuwe inwoner (new_resident)."
            raise serializers.ValidationError({"new_resident": [reason]})
        return data


class AssignSerializer(serializers.Serializer):
    handler = serializers.IntegerField(min_value=1, max_value=2**31, help_text="Id van de nieuwe behandelaar.")
    reason = serializers.CharField(required=False, default="", allow_blank=True, max_length=2000)
    team = serializers.IntegerField(required=False, min_value=1, max_value=2**31)


class EmptySerializer(serializers.Serializer):
    pass


class RequestInformationSerializer(serializers.Serializer):
    requested_on = DateField(required=False)
    repair_until = DateField()
    what = serializers.CharField(max_length=5000)


class InformationReceivedSerializer(serializers.Serializer):
    received_on = DateField(required=False)


class PostponeSerializer(serializers.Serializer):
    notice_sent_on = DateField(required=False)
    reason = serializers.CharField(max_length=5000)


class ExtendSerializer(serializers.Serializer):
    until = DateField()
    reason = serializers.CharField(max_length=5000)
    consent_on = DateField(required=False)


class ContactAttemptSerializer(serializers.Serializer):
    attempted_at = DateTimeField(required=False)
    reached = serializers.BooleanField()
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=5000)


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10_000)


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    closed_on = DateField(required=False)
    informal = serializers.BooleanField(required=False, default=False)
    closing_text = serializers.CharField(required=False, default="", allow_blank=True, max_length=10_000)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)


class FlagSafetySerializer(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=5000)


class LinkSerializer(serializers.Serializer):
    other = serializers.IntegerField(required=False, min_value=1, max_value=2**31, help_text="Id van de andere zaak.")
    other_reference = serializers.CharField(
        required=False, max_length=40, help_text="Of het kenmerk van de andere zaak."
    )
    kind = serializers.ChoiceField(choices=LinkKind.choices)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if ("other" in data) == ("other_reference" in data):
            reason = "Geef de andere zaak op met óf het id (other), óf het kenmerk (other_reference)."
            raise serializers.ValidationError({"other": [reason]})
        return data


class ProposeCloseSerializer(CloseSerializer):
    pass


class ReviewReturnSerializer(serializers.Serializer):
    remark = serializers.CharField(max_length=5000, help_text="Waarom het voorstel teruggaat.")


class ResidentSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="full_name", read_only=True)
    bsn = serializers.CharField(source="masked_bsn", read_only=True, help_text="Altijd gemaskeerd: *****1234.")

    class Meta:
        model = Resident
        fields = ["id", "organisation", "source_id", "name", "bsn", "postcode", "city", "preferred_channel"]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "organisation", "name", "email", "phone", "active"]
        read_only_fields = fields


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "kind", "name", "parent", "active"]
        read_only_fields = fields
