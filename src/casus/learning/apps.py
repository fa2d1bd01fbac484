from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "casus.learning"
    verbose_name = "Leren en verbeteren"

    def ready(self) -> None:
        from . import signals  # noqa: F401 - connects the retention receiver
