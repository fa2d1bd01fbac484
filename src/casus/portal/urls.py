"""The residents' portal (public) and its two staff pages. Clear Dutch addresses."""

from django.urls import path

from . import views, views_staff

app_name = "portal"
urlpatterns = [
    path("contact/", views.start, name="start"),
    path("klacht-indienen/", views.klacht, name="klacht"),
    path("vraag-stellen/", views.vraag, name="vraag"),
    path("bel-mij-terug/", views.terugbellen, name="terugbellen"),
    path("bezwaar-maken/", views.bezwaar, name="bezwaar"),
    path("bezwaar-maken/termijn/", views.filing_check, name="filing-check"),
    path("ontvangen/", views.receipt, name="receipt"),
    path("status/<str:token>/", views.status, name="status"),
    path("status/<str:token>/intrekken/", views.withdraw, name="withdraw"),
    # Staff: own contact details (from "Mijn account") and a resident's attachment.
    path("account/contactgegevens/", views_staff.account_contact, name="account-contact"),
    path("werk/zaken/<int:pk>/bijlagen/<int:attachment>/", views_staff.attachment_download, name="attachment"),
]
