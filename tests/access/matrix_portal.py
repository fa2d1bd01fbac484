"""The residents' portal in the permission matrix.

Every portal page is public (`@public`: every persona, logged in or not); the status page needs a
secret token, built here for the scope's case (EXTRA_KWARGS["token"]), so the matrix opens it too and
checks it shows no dossier data. Staff pages: a resident's attachment on each case (case.view) and the
admin's contact details for residents (admin.config, rows of the organisations of the user's teams).
"""

from __future__ import annotations

import tempfile
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile


def _token(world: Any, scope: str, obj: Any) -> str:
    """A status link of the scope's case. The matrix opens it once per persona from one address: start
    the status page's rate limit (casus.portal.ratelimit, Django's cache) afresh for each link."""
    from django.core.cache import cache

    from casus.portal.services import status_link_create

    cache.clear()
    return status_link_create(case=world.cases[scope])


def _attachment(world: Any, scope: str, case: Any) -> int:
    from casus.portal.models import Attachment

    if not getattr(settings, "CASUS_UPLOAD_DIR", ""):
        settings.CASUS_UPLOAD_DIR = tempfile.mkdtemp(prefix="casus-matrix-")  # never the repository's var/
    found = Attachment.objects.filter(case=case).first()
    if found is None:
        found = Attachment(case=case, original_name="besluit.pdf", content_type="application/pdf", size=12)
        found.file.save("matrix.pdf", ContentFile(b"%PDF-1.7 mx"), save=True)
    return found.pk


def _contact_details(world: Any, scope: str) -> Any:
    """The contact details of a behandelaar of Almere ("own") or of the Zeewolde colleague ("other_org")."""
    from casus.portal.models import ContactDetails

    user = {"own": world.users["behandelaar"], "other_org": world.users["elders"]}.get(scope)
    if user is None:
        return None
    return ContactDetails.objects.get_or_create(user=user, defaults={"phone": "036 539 0000"})[0]


BUILDERS = {"portal.contactdetails": _contact_details}
ORG_BOUND = {"portal.contactdetails"}
EXTRA_KWARGS = {"token": _token, "attachment": _attachment}
