from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "casus.retention"
    label = "retention"
    verbose_name = "Bewaartermijnen en vernietiging"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (default rules for a new organisation)
