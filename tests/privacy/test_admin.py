"""The privacy tables in the back office: read-only, asked of casus.access."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from casus.access.admin_mixins import AccessAdminMixin
from casus.access.permissions import can
from casus.privacy.models import Correction, DataRequest, Merge


def test_the_privacy_tables_are_read_only_for_the_privacy_officer() -> None:
    for model in (DataRequest, Correction, Merge):
        model_admin = admin.site._registry[model]
        mro = type(model_admin).__mro__
        assert mro.index(AccessAdminMixin) < mro.index(admin.ModelAdmin)  # asks casus.access first
        assert next(base for base in mro if base.__bases__[0] is AccessAdminMixin) in mro
        assert model_admin.access_perm == "privacy.desk"
        assert model_admin.change_perm is None
        assert model_admin.casus_rule_for("changelist_view").perm == "privacy.desk"


def test_privacy_rows_belong_to_the_residents_organisation(fg: Any, fg_elsewhere: Any, dossier: Any) -> None:
    correction = Correction.objects.get(resident=dossier.resident)
    merge = Merge.objects.get(keep=dossier.resident)
    for row in (correction, merge, DataRequest.objects.get(resident=dossier.resident)):
        assert can(fg, "privacy.desk", row)
        assert not can(fg_elsewhere, "privacy.desk", row)


def test_the_admin_lists_only_rows_of_the_officers_organisation(
    rf: Any, fg: Any, fg_elsewhere: Any, dossier: Any
) -> None:
    model_admin = admin.site._registry[Correction]
    for user, count in ((fg, 1), (fg_elsewhere, 0)):
        request = rf.get("/admin/privacy/correction/")
        request.user = user
        assert model_admin.get_queryset(request).count() == count


def test_a_row_of_another_organisation_is_refused_not_hidden(rf: Any, fg: Any, fg_elsewhere: Any, dossier: Any) -> None:
    model_admin = admin.site._registry[Merge]
    merge = Merge.objects.get(keep=dossier.resident)
    for user, allowed in ((fg, True), (fg_elsewhere, False)):
        request = rf.get(f"/admin/privacy/merge/{merge.pk}/change/")
        request.user = user
        found = model_admin.get_object(request, str(merge.pk))
        assert found == merge  # found, so the admin answers 403 (and logs it) instead of "does not exist"
        assert model_admin.has_view_permission(request, found) is allowed
