"""The handlers' workspace under /werk/: one URL module per part, so each part can grow on its own."""

from django.urls import include, path

app_name = "workspace"
urlpatterns = [
    path("", include("casus.workspace.urls_queue")),
    path("registreren/", include("casus.workspace.urls_intake")),
    path("zaken/", include("casus.workspace.urls_case")),
]
