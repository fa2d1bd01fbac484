"""Back office: the webhook subscriptions of an organisation (functioneel beheer) and, read-only, the
log of their deliveries. The secret is shown once, in a message after creating or renewing it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from casus.access.admin_mixins import AccessAdminMixin

from .models import Delivery, Subscription, WebhookEvent, new_secret


class SubscriptionForm(forms.ModelForm):
    target_url = forms.URLField(
        label=_("adres van de ontvanger"), max_length=500, assume_scheme="https",
        help_text=_("Casus stuurt elk bericht met een POST naar dit adres."),
    )  # fmt: skip
    events = forms.MultipleChoiceField(
        label=_("gebeurtenissen"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Subscription
        fields = ("organisation", "name", "target_url", "events", "active")


def _show_secret(request: HttpRequest, subscription: Subscription) -> None:
    messages.warning(
        request,
        _(
            "Het geheim van '%(name)s' is: %(secret)s — geef het nu door aan de beheerder van de ontvanger. "
            "Casus laat het niet nog eens zien."
        )
        % {"name": subscription.name, "secret": subscription.secret},
    )


@admin.register(Subscription)
class SubscriptionAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    change_perm = "admin.config"
    org_path = "organisation"
    form = SubscriptionForm
    list_display = ("name", "organisation", "target_url", "event_list", "active", "created")
    list_filter = ("organisation", "active")
    search_fields = ("name", "target_url")
    actions = ("renew_secret",)

    @admin.display(description=_("gebeurtenissen"))
    def event_list(self, subscription: Subscription) -> str:
        labels = dict(WebhookEvent.choices)
        return ", ".join(str(labels.get(event, event)) for event in subscription.events)

    def save_model(self, request: HttpRequest, obj: Subscription, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            _show_secret(request, obj)

    @admin.action(description=_("Nieuw geheim aanmaken (het oude werkt direct niet meer)"))
    def renew_secret(self, request: HttpRequest, queryset: QuerySet[Subscription]) -> None:
        if not self.has_change_permission(request):
            return
        for subscription in queryset:
            subscription.secret = new_secret()
            subscription.save(update_fields=["secret"])
            _show_secret(request, subscription)


@admin.register(Delivery)
class DeliveryAdmin(AccessAdminMixin, admin.ModelAdmin):
    access_perm = "admin.config"
    change_perm = None
    org_path = "subscription__organisation"
    list_display = (
        "created", "event", "case_reference", "subscription", "status", "attempts", "last_status_code",
        "next_attempt_at", "sent_at",
    )  # fmt: skip
    list_filter = ("status", "event", "subscription")
    search_fields = ("case_reference",)
    list_select_related = ("subscription__organisation",)
    readonly_fields = (
        "subscription", "event", "case_reference", "case_id", "payload", "status", "attempts", "next_attempt_at",
        "last_status_code", "last_error", "created", "sent_at",
    )  # fmt: skip
    fields = readonly_fields
