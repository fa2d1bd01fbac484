from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "casus.imports"
    label = "imports"
    verbose_name = "Import"
