"""Mijn werk, the team's lists and the coördinator's dashboard under /werk/."""

from django.urls import path

from . import views_queue as views

urlpatterns = [
    path("", views.my_work, name="my-work"),
    path("team/zaken/", views.team_queue, name="team-queue"),
    path("team/niet-toegewezen/", views.unassigned, name="unassigned"),
    path("team/", views.dashboard, name="dashboard"),
    path("team/overdragen/", views.bulk_handover, name="bulk-handover"),
]
