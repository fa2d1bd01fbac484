"""The learning loop under /leren/: signals, themes (rode draden) and their steps."""

from django.urls import path

from . import views_signals, views_themes

app_name = "learning"

urlpatterns = [
    path("", views_themes.themes, name="themes"),
    path("themas/nieuw/", views_themes.theme_new, name="theme-new"),
    path("themas/<int:pk>/", views_themes.theme, name="theme"),
    path("themas/<int:pk>/bewerken/", views_themes.theme_edit, name="theme-edit"),
    path("themas/<int:pk>/zaken/toevoegen/", views_themes.theme_add_case, name="theme-add-case"),
    path("themas/<int:pk>/zaken/weghalen/", views_themes.theme_remove_case, name="theme-remove-case"),
    path("themas/<int:pk>/signalen/toevoegen/", views_themes.theme_add_signals, name="theme-add-signals"),
    path("themas/<int:pk>/signalen/weghalen/", views_themes.theme_remove_signal, name="theme-remove-signal"),
    path("signalen/", views_signals.signals, name="signals"),
    path("zaken/<int:pk>/signaal/", views_signals.case_signal, name="case-signal"),
]
