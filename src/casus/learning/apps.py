from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "casus.learning"
    verbose_name = "Leren en verbeteren"
