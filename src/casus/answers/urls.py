"""Standard answers and the plain-language check under /antwoorden/."""

from django.urls import path

from . import views

app_name = "answers"

urlpatterns = [
    path("", views.library, name="library"),
    path("nieuw/", views.answer_new, name="new"),
    path("<int:pk>/", views.answer_edit, name="edit"),
    path("leesbaarheid/", views.readability_check, name="readability"),
    path("zaak/<int:pk>/kiezen/", views.picker, name="picker"),
    path("zaak/<int:pk>/invullen/", views.pick, name="pick"),
]
