from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "casus.portal"
    label = "portal"
    verbose_name = "Inwonersportaal"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (files and links of a destroyed case go with it)
