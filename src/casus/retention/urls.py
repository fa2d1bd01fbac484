from django.urls import path

from . import views

app_name = "retention"
urlpatterns = [
    path("", views.lists, name="lists"),
    path("<int:pk>/", views.list_detail, name="list"),
    path("<int:pk>/goedkeuren/", views.approve, name="approve"),
    path("<int:pk>/uitvoeren/", views.execute, name="execute"),
    path("<int:pk>/afwijzen/", views.reject, name="reject"),
    path("<int:pk>/zaken/<int:item>/weghalen/", views.remove_item, name="remove-item"),
    path("<int:pk>/export.csv", views.export, name="export"),
]
