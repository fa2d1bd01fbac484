from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import views

app_name = "api"

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("residents", views.ResidentViewSet, basename="resident")
router.register("teams", views.TeamViewSet, basename="team")
router.register("categories", views.CategoryViewSet, basename="category")

urlpatterns = [
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("reports/", views.ReportView.as_view(), name="report"),
    path("", include(router.urls)),
]
