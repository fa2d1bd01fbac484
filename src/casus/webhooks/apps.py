from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "casus.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (queue deliveries for timeline events)
