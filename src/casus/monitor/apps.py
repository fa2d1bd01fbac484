from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "casus.monitor"
    label = "monitor"
    verbose_name = "Monitor"
