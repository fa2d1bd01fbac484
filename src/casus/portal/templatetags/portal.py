"""Template helpers of the portal: a resident's date in words, and a staff member's contact details
(for the account page)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template

from casus.portal.texts import long_date

register = template.Library()


@register.filter
def lange_datum(day: date | None) -> str:
    """{{ case.due_on|lange_datum }} -> 'dinsdag 14 april 2026'."""
    return long_date(day) if day else ""


@register.simple_tag
def contact_details(user: Any) -> Any:
    """{% contact_details user as details %}: the user's ContactDetails, or None."""
    from casus.portal.models import ContactDetails

    return ContactDetails.objects.filter(user_id=getattr(user, "pk", None)).first()


@register.simple_tag
def site_organisation() -> Any:
    """{% site_organisation as organisation %}: the organisation the portal is for (header, footer)."""
    from django.http import Http404

    from casus.portal.selectors import portal_organisation

    try:
        return portal_organisation()
    except Http404:
        return None
