"""The privacy desk, mounted at /privacy/inwoners/ (casus.urls)."""

from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("", views.residents, name="residents"),
    path("verzoeken/", views.requests, name="requests"),
    path("verzoeken/<int:pk>/afhandelen/", views.request_handle, name="request-handle"),
    path("<int:pk>/", views.resident, name="resident"),
    path("<int:pk>/bsn/", views.resident_bsn, name="resident-bsn"),
    path("<int:pk>/inzage.json", views.inzage_json, name="inzage-json"),
    path("<int:pk>/inzage.pdf", views.inzage_pdf, name="inzage-pdf"),
    path("<int:pk>/corrigeren/", views.resident_correct, name="resident-correct"),
    path("<int:pk>/samenvoegen/", views.resident_merge, name="resident-merge"),
    path("<int:pk>/verzoek/", views.request_add, name="request-add"),
]
