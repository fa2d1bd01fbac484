from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "casus.retention"
    label = "retention"
    verbose_name = "Bewaartermijnen en vernietiging"
