from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "casus.privacy"
    label = "privacy"
    verbose_name = "Rechten van inwoners"
