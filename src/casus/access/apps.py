from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class AccessConfig(AppConfig):
    default = True
    name = "casus.access"
    label = "access"
    verbose_name = "Toegang en privacy"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login, logout and permission-change audit)


class CasusAdminConfig(AdminConfig):
    """The admin with Casus's own site: entry and every model view go through casus.access."""

    default_site = "casus.access.admin_site.CasusAdminSite"
