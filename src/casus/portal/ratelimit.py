"""A per-address limit on the public pages, in Django's cache (no third party).

CASUS_PORTAL_SUBMISSIONS (default 5) forms per 10 minutes per address; CASUS_PORTAL_STATUS_VIEWS
(default 60) status page requests per 10 minutes per address. The address is the one the audit log and
the lockout use (casus.access.audit.client_ip, CASUS_TRUSTED_PROXY_HEADER behind a proxy). With several
app servers, configure a shared cache (CACHES) so they count together; Django's default local-memory
cache counts per process.
"""

from __future__ import annotations

import hashlib
import os

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from casus.access.audit import client_ip

WINDOW = 10 * 60


def limit(name: str, default: int) -> int:
    value = getattr(settings, name, None) or os.environ.get(name, "")
    return int(value) if str(value).strip() else default


def allow(request: HttpRequest, bucket: str, per_window: int) -> bool:
    """Count one request of `bucket` for this address; False once more than `per_window` were counted
    in the current window of WINDOW seconds."""
    address = hashlib.sha256((client_ip(request) or "onbekend").encode()).hexdigest()[:24]
    key = f"casus:portal:{bucket}:{address}"
    cache.add(key, 0, timeout=WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW)
        count = 1
    return count <= per_window


def allow_submission(request: HttpRequest) -> bool:
    return allow(request, "formulier", limit("CASUS_PORTAL_SUBMISSIONS", 5))


def allow_status(request: HttpRequest) -> bool:
    return allow(request, "status", limit("CASUS_PORTAL_STATUS_VIEWS", 60))
