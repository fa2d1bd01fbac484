from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("audit/", views.audit_log, name="audit"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
]
