from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "casus.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
