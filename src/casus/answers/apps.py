from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "casus.answers"
    label = "answers"
    verbose_name = "Standaardantwoorden"
