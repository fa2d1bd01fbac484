from django.contrib import admin
from django.urls import include, path

from casus.access import views as access_views

admin.site.site_header = "Casus beheer"
admin.site.site_title = "Casus"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("", access_views.home, name="home"),
    path("", include("casus.access.auth_urls")),
    path("", include("casus.access.urls")),
    path("", include("casus.portal.urls")),  # the residents' forms, receipt and status page (public)
    path("privacy/inwoners/", include("casus.privacy.urls")),
    path("bewaartermijnen/", include("casus.retention.urls")),
    path("werk/", include("casus.workspace.urls")),
    path("beheer/import/", include("casus.imports.urls")),
    path("monitor/", include("casus.monitor.urls")),
    path("brieven/", include("casus.letters.urls")),
    path("leren/", include("casus.learning.urls")),
    path("antwoorden/", include("casus.answers.urls")),
    path("api/v1/", include("casus.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "casus.access.views.forbidden"
