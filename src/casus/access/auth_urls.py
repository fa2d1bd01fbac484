"""Logging in and out, "Mijn account" and two-factor authentication; single sign-on when configured.

Every view states its rule (casus.access.rules): `public` for the steps of logging in, "account" for
the pages of a logged-in user. The OpenID Connect views of mozilla-django-oidc are wrapped in `public`
and only routed when OIDC_RP_CLIENT_ID is set (settings.CASUS_OIDC_ENABLED).
"""

from django.conf import settings
from django.urls import path

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
]

if getattr(settings, "CASUS_OIDC_ENABLED", False):
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

    urlpatterns += [
        path("oidc/authenticate/", public(OIDCAuthenticationRequestView.as_view()), name="oidc_authentication_init"),
        path("oidc/callback/", public(OIDCAuthenticationCallbackView.as_view()), name="oidc_authentication_callback"),
    ]
