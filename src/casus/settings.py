"""Casus settings, read from environment variables by small typed helpers.

DATABASE_URL  database (default: SQLite file var/casus.sqlite3, the embedded default)
DATABASE_REPLICA_URL  optional read replica of DATABASE_URL for the Monitor's reports (casus.dbrouting;
              default none: everything reads from DATABASE_URL)
SECRET_KEY    required when DEBUG is off; generated into var/secret_key for development
DEBUG         "1" for development (default off)
ALLOWED_HOSTS comma-separated host names (default: localhost names when DEBUG is on)
TIME_ZONE     default Europe/Amsterdam
EMAIL_URL-like settings: EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
              DEFAULT_FROM_EMAIL (console backend when EMAIL_HOST is empty)

Authentication and security (docs/operations.md, "Authentication and security"):
CASUS_LOGIN_FAILURES   failed logins before a lockout (default 5); user name + IP address together
CASUS_LOCKOUT_MINUTES  how long a lockout lasts (default 30)
CASUS_SESSION_MINUTES  a session ends after this many minutes without a request (default 30), and
                       always when the browser closes
SECURE_COOKIES         "0" to send session and CSRF cookies over plain HTTP too (default on unless DEBUG)
SECURE_HSTS_SECONDS    Strict-Transport-Security max-age (default 31536000 = 1 year; 0 when DEBUG)
SECURE_HSTS_INCLUDE_SUBDOMAINS  "1" to extend HSTS to subdomains (default off)
SECURE_SSL_REDIRECT    "1" to redirect http:// to https:// in Django (default off: the proxy does it)
SECURE_PROXY_SSL_HEADER  header by which the TLS-terminating proxy says the request was HTTPS,
                       e.g. "X-Forwarded-Proto" or "X-Forwarded-Proto=https" (default none)
CASUS_BASE_URL  the address users open Casus at, for links in e-mails (e.g. https://casus.almere.nl)
CASUS_TRUSTED_PROXY_HEADER  header holding the client's address behind a proxy, e.g. "X-Forwarded-For"
                       (audit log and lockout; default none: the connection's address)
OIDC_RP_CLIENT_ID      turns on single sign-on with OpenID Connect; then also required:
                       OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT,
                       OIDC_OP_USER_ENDPOINT, OIDC_OP_JWKS_ENDPOINT; optional OIDC_RP_SIGN_ALGO
                       (default RS256) and OIDC_CREATE_USERS ("1": make an account, without roles,
                       for an unknown e-mail address; default off)
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from casus.access import security

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the repository root
VAR_DIR = Path(os.environ.get("CASUS_VAR_DIR", BASE_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "ja", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DEBUG = env_bool("DEBUG")


def _secret_key() -> str:
    if key := env_str("SECRET_KEY"):
        return key
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])

INSTALLED_APPS = [
    "casus.access.apps.CasusAdminConfig",  # django.contrib.admin with Casus's own AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # lockout after repeated failed logins
    "django_otp",  # two-factor authentication (TOTP)
    "django_otp.plugins.otp_totp",
    "mozilla_django_oidc",  # single sign-on; only routed and used when OIDC_RP_CLIENT_ID is set
    "rest_framework",  # the REST API under /api/v1/ (casus.api)
    "drf_spectacular",  # its OpenAPI 3 schema
    "drf_spectacular_sidecar",  # Swagger UI / ReDoc assets served locally (CSP: 'self' only)
    "casus.cases",
    "casus.access.apps.AccessConfig",
    "casus.privacy",
    "casus.retention",
    "casus.workspace",
    "casus.imports",
    "casus.api",
    "casus.webhooks",
    "casus.monitor",
    "casus.letters",
    "casus.learning",  # signals, themes, improvement actions, case discussions, follow-ups (issue 9)
    "casus.answers",  # standard answers and the plain-language check (issue 8)
    "casus.portal",  # the residents' forms, receipt and status page (no login)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "casus.access.security.SecurityHeadersMiddleware",  # Content-Security-Policy, Permissions-Policy
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified()
    "casus.access.twofactor.TwoFactorMiddleware",  # roles that need two-factor: code first
    "django.contrib.messages.middleware.MessageMiddleware",
    "casus.access.audit.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the lockout page
]

ROOT_URLCONF = "casus.urls"
WSGI_APPLICATION = "casus.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "casus" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "casus.context_processors.casus",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'casus.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as the embedded default: wait for locks instead of failing at once, WAL for readers.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
# A read replica for the Monitor's read-only work (casus.dbrouting.reporting); the router only when it is set.
if _replica_url := env_str("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(_replica_url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}  # tests read the test database, never the replica
    DATABASE_ROUTERS = ["casus.dbrouting.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The Monitor's covering indexes (cases 0007) INCLUDE extra columns, a PostgreSQL feature; on SQLite, the
# embedded default, Django builds them without those columns and warns on every command. Same results.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "src" / "casus" / "locale"]

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages from npm (package.json; `make setup` runs `npm ci`), served by Casus itself, never a CDN:
# the NL Design System look (Utrecht design tokens and component CSS, the Noto Sans font), htmx, and axe-core
# (a dev package, for the accessibility test). A folder that is not installed is left out.
STATICFILES_NPM = {
    "utrecht/tokens": "@utrecht/design-tokens/dist",
    "utrecht/components": "@utrecht/component-library-css/dist",
    "fonts/noto-sans": "@fontsource-variable/noto-sans",
    "htmx": "htmx.org/dist",
    "axe-core": "axe-core",
}
STATICFILES_DIRS = [BASE_DIR / "src" / "casus" / "static"] + [
    (prefix, BASE_DIR / "node_modules" / folder)
    for prefix, folder in STATICFILES_NPM.items()
    if (BASE_DIR / "node_modules" / folder).is_dir()
]
LOGIN_URL = "auth:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "auth:login"

EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Casus <noreply@casus.invalid>")

# --- Authentication and security -----------------------------------------------------------------

AUTHENTICATION_BACKENDS = security.authentication_backends(os.environ)  # axes, password, OIDC when set
_oidc = security.oidc_settings(os.environ)  # {} unless OIDC_RP_CLIENT_ID is set
globals().update(_oidc)  # OIDC_RP_CLIENT_ID, OIDC_OP_*_ENDPOINT, ... as mozilla-django-oidc reads them
CASUS_OIDC_ENABLED = bool(_oidc)

# Lockout (django-axes): N failures for one user name from one IP address lock that pair for M minutes.
AXES_FAILURE_LIMIT = env_int("CASUS_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("CASUS_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lockout ends M minutes after it began
AXES_LOCKOUT_CALLABLE = "casus.access.auth_views.locked_out"  # the Dutch lockout page
AXES_CLIENT_IP_CALLABLE = "casus.access.audit.client_ip"  # the same address as the audit log
AXES_DISABLE_ACCESS_LOG = True  # successful logins are in Casus's own audit log
AXES_VERBOSE = False
CASUS_TRUSTED_PROXY_HEADER = security.meta_header(env_str("CASUS_TRUSTED_PROXY_HEADER"))

# Two-factor authentication (django-otp, TOTP). Required for functioneel/systeembeheer and superusers
# (casus.access.twofactor); CASUS_TWO_FACTOR_ENFORCED exists for tests only.
OTP_TOTP_ISSUER = "Casus"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
CASUS_TWO_FACTOR_ENFORCED = True

# Sessions end after CASUS_SESSION_MINUTES without a request, and when the browser closes.
SESSION_COOKIE_AGE = env_int("CASUS_SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", True)

# Transport and headers. Content-Security-Policy and Permissions-Policy: casus.access.security.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT")
SECURE_PROXY_SSL_HEADER = security.proxy_ssl_header(env_str("SECURE_PROXY_SSL_HEADER"))
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes reports every login at INFO; failures and lockouts (WARNING) are what operators need.
    "loggers": {"axes": {"level": "WARNING"}},
}

# The REST API (casus.api, docs/api.md): token or session authentication, Casus's own access rules,
# problem+json errors (RFC 9457) with Dutch detail, cursor pagination.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "casus.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["casus.api.permissions.CasusRulePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "casus.api.errors.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "casus.api.pagination.ApiCursorPagination",
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Casus API",
    "DESCRIPTION": "Zaken, inwoners, teams en categorieën van Casus. Zie docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"ChannelEnum": "casus.cases.domain.Channel"},
}

# Casus: the default warning window for deadline state `dreigt`, in working days.
CASUS_WARNING_DAYS = env_int("CASUS_WARNING_DAYS", 5)
# Casus: the address users open Casus at, for links in e-mails (e.g. https://casus.almere.nl).
CASUS_BASE_URL = env_str("CASUS_BASE_URL")
