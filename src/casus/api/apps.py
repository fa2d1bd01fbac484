from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "casus.api"
    label = "api"
    verbose_name = "API"
