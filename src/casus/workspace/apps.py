from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "casus.workspace"
    label = "workspace"
    verbose_name = "Werkplek"
