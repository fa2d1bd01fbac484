"""The case page and its actions under /werk/zaken/; every URL keyword is the case's pk."""

from django.urls import path

from . import views_case as views

urlpatterns = [
    path("beoordelen/", views.review_queue, name="review-queue"),
    path("<int:pk>/", views.case, name="case"),
    path("<int:pk>/aan-mij/", views.case_take, name="case-take"),
    path("<int:pk>/toewijzen/", views.case_assign, name="case-assign"),
    path("<int:pk>/starten/", views.case_start, name="case-start"),
    path("<int:pk>/aanvulling-vragen/", views.case_request_information, name="case-request-information"),
    path("<int:pk>/aanvulling-ontvangen/", views.case_information_received, name="case-information-received"),
    path("<int:pk>/verdagen/", views.case_postpone, name="case-postpone"),
    path("<int:pk>/uitstellen/", views.case_extend, name="case-extend"),
    path("<int:pk>/contactpoging/", views.case_contact_attempt, name="case-contact-attempt"),
    path("<int:pk>/notitie/", views.case_note, name="case-note"),
    path("<int:pk>/koppelen/", views.case_link, name="case-link"),
    path("<int:pk>/veiligheidssignaal/", views.case_flag_safety, name="case-flag-safety"),
    path("<int:pk>/afhandelen/", views.case_close, name="case-close"),
    path("<int:pk>/heropenen/", views.case_reopen, name="case-reopen"),
    path("<int:pk>/beoordelen/goedkeuren/", views.case_review_approve, name="case-review-approve"),
    path("<int:pk>/beoordelen/terugsturen/", views.case_review_return, name="case-review-return"),
]
