"""The learning loop under /leren/: signals, themes (rode draden), suggested themes,
improvement actions and their steps."""

from django.urls import path

from . import views_actions, views_discussions, views_report, views_signals, views_suggestions, views_themes

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
    path("themas/<int:pk>/acties/nieuw/", views_actions.action_new, name="action-new"),
    path("themas/<int:pk>/acties/<int:action>/voortgang/", views_actions.action_progress, name="action-progress"),
    path("themas/<int:pk>/acties/<int:action>/wijzigen/", views_actions.action_edit, name="action-edit"),
    path("acties/", views_actions.actions, name="actions"),
    path("voorstellen/", views_suggestions.suggestions, name="suggestions"),
    path("voorstellen/zoeken/", views_suggestions.suggestions_search, name="suggestions-search"),
    path("voorstellen/<int:pk>/thema/", views_suggestions.suggestion_accept, name="suggestion-accept"),
    path("voorstellen/<int:pk>/afwijzen/", views_suggestions.suggestion_dismiss, name="suggestion-dismiss"),
    path("overleg/", views_discussions.discussions, name="discussions"),
    path("overleg/nieuw/", views_discussions.discussion_new, name="discussion-new"),
    path("overleg/<int:pk>/", views_discussions.discussion, name="discussion"),
    path("rapport/", views_report.report, name="report"),
    path("rapport/pdf/", views_report.report_pdf, name="report-pdf"),
    path("signalen/", views_signals.signals, name="signals"),
    path("zaken/<int:pk>/signaal/", views_signals.case_signal, name="case-signal"),
    path("zaken/<int:pk>/nazorg/", views_signals.case_follow_up, name="case-follow-up"),
    path("nazorg/", views_signals.follow_ups, name="follow-ups"),
]
