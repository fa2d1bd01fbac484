from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "casus.answers"
    label = "answers"
    verbose_name = "Standaardantwoorden"

    def ready(self) -> None:
        from .permissions import register

        register()
