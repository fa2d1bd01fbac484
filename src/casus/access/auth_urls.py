"""Logging in and out, "Mijn account" and two-factor authentication; single sign-on when configured.

Every view states its rule (casus.access.rules): `public` for the steps of logging in, "account" for
the pages of a logged-in user. The OpenID Connect views of mozilla-django-oidc are wrapped in `public`
and only routed when OIDC_RP_CLIENT_ID is set (settings.CASUS_OIDC_ENABLED).
"""

from django.conf import settings
from django.contrib.auth import views as django_auth
from django.urls import path, reverse_lazy

from . import auth_views
from .rules import public

app_name = "auth"
urlpatterns: list = [
    path("inloggen/", auth_views.login_view, name="login"),
    path("inloggen/code/", auth_views.otp_verify, name="otp_verify"),
    path("uitloggen/", auth_views.logout_view, name="logout"),
    path("account/", auth_views.account, name="account"),
    path("account/wachtwoord/", auth_views.password_change, name="password_change"),
    path("account/tweestaps/", auth_views.otp_setup, name="otp_setup"),
    path("account/tweestaps/uitzetten/", auth_views.otp_disable, name="otp_disable"),
    # Password reset by e-mail (Django's views, Dutch templates). The first page never says whether an
    # account exists; the link in the e-mail works once and expires (PASSWORD_RESET_TIMEOUT).
    path(
        "wachtwoord-vergeten/",
        public(
            django_auth.PasswordResetView.as_view(
                template_name="access/auth/password_reset_form.html",
                email_template_name="access/auth/password_reset_email.txt",
                subject_template_name="access/auth/password_reset_subject.txt",
                success_url=reverse_lazy("auth:password_reset_done"),
            )
        ),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verstuurd/",
        public(django_auth.PasswordResetDoneView.as_view(template_name="access/auth/password_reset_done.html")),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-vergeten/<uidb64>/<token>/",
        public(
            django_auth.PasswordResetConfirmView.as_view(
                template_name="access/auth/password_reset_confirm.html",
                success_url=reverse_lazy("auth:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-vergeten/klaar/",
        public(django_auth.PasswordResetCompleteView.as_view(template_name="access/auth/password_reset_complete.html")),
        name="password_reset_complete",
    ),
]

if getattr(settings, "CASUS_OIDC_ENABLED", False):
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

    urlpatterns += [
        path("oidc/authenticate/", public(OIDCAuthenticationRequestView.as_view()), name="oidc_authentication_init"),
        path("oidc/callback/", public(OIDCAuthenticationCallbackView.as_view()), name="oidc_authentication_callback"),
    ]
