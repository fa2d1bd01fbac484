"""Fast intake under /werk/registreren/: the form and its two htmx partials."""

from django.urls import path

from . import views_intake as views

urlpatterns = [
    path("", views.intake, name="intake"),
    path("inwoners/", views.intake_residents, name="intake-residents"),
    path("bezwaartermijn/", views.intake_filing_check, name="intake-filing-check"),
]
