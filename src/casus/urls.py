from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

admin.site.site_header = "Casus beheer"
admin.site.site_title = "Casus"
admin.site.index_title = "Functioneel beheer"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
]
