"""The letter pages under /brieven/: the library for the functioneel beheerder, and a letter for one
case (the URL keyword pk is the case's) for the handler."""

from django.urls import path

from . import views

app_name = "letters"

urlpatterns = [
    path("", views.library, name="library"),
    path("sjabloon/<int:pk>/", views.template_edit, name="template"),
    path("briefhoofd/<int:pk>/", views.letterhead_edit, name="letterhead"),
    path("zaak/<int:pk>/", views.compose_letter, name="compose"),
    path("zaak/<int:pk>/brief/<int:letter>/pdf/", views.letter_pdf, name="pdf"),
]
