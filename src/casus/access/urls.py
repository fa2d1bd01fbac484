from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("privacy/audit/", views.audit_log, name="audit"),
    path("privacy/audit/export.csv", views.audit_export, name="audit-export"),
    path("zaken/<int:pk>/toegang/", views.case_grants, name="case-grants"),
    path("zaken/<int:pk>/toegang/<int:grant>/intrekken/", views.case_grant_revoke, name="case-grant-revoke"),
]
