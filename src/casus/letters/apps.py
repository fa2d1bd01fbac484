from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "casus.letters"
    label = "letters"
    verbose_name = "Brieven"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (destroying a case destroys its letters)
