"""The privacy tables in the back office: read-only, asked of casus.access."""

from __future__ import annotations

from django.contrib import admin

from casus.access.admin_mixins import AccessAdminMixin
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
