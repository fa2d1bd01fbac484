"""The web Monitor under /monitor/: the figures, the cases behind a number, the downloads."""

from django.urls import path

from . import views

app_name = "monitor"

urlpatterns = [
    path("", views.monitor, name="monitor"),
    path("zaken/", views.cases, name="cases"),
    path("export/<str:fmt>/", views.export, name="export"),
]
