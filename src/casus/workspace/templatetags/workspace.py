"""Template helpers of the handlers' workspace: links that may not exist yet, the menu, deadline states.

`{% workspace_url "workspace:case" case.pk %}` reverses like `{% url %}` but gives "" when the name
does not resolve: the workspace is built in parts (queue, intake, case page), and a page of one part
links to another part's pages before that part is installed. Templates show the link only when the
result is not empty, so a missing part never breaks a page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from casus import deadlines
from casus.access.permissions import can

register = template.Library()

# Text and icon per deadline state: the state is always written out, never shown by colour alone.
STATE_DISPLAY = {
    deadlines.State.TE_LAAT: ("te laat", "!"),
    deadlines.State.DREIGT: ("dreigt", "⚠"),
    deadlines.State.OP_TIJD: ("op tijd", "✓"),
}


@register.simple_tag
def workspace_url(name: str, *args: Any) -> str:
    """The URL of `name` with `args`, or "" when that page does not exist (yet)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def workspace_menu(context: template.Context) -> dict[str, bool]:
    """Which workspace items the main menu shows: Mijn werk, Registreren and Beoordelen (handling roles),
    Team (coördinatoren)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"work": False, "team": False}
    return {"work": can(user, "workspace.use"), "team": can(user, "workspace.coordinate")}


@register.simple_tag
def deadline_state(state: str, working_days_left: int | None = None) -> str:
    """A deadline state as icon plus text (op tijd / dreigt / te laat), with the working days left.
    Written out rather than an included template: a work list shows it 50 times."""
    label, icon = STATE_DISPLAY[deadlines.State(state)]
    days = days_text(working_days_left)
    html = format_html(
        '<span class="state state--{}"><span class="state-icon" aria-hidden="true">{}</span> {}</span>',
        state, icon, label,
    )  # fmt: skip
    return html + format_html('<span class="state-days">{}</span>', days) if days else html


def days_text(left: int | None) -> str:
    """'nog 3 werkdagen', 'vandaag de laatste dag', '2 werkdagen te laat'."""
    if left is None:
        return ""
    if left == 0:
        return "vandaag de laatste dag"
    count = abs(left)
    words = f"{count} werkdag{'' if count == 1 else 'en'}"
    return f"nog {words}" if left > 0 else f"{words} te laat"


@register.filter
def snippet(text: str, length: int = 90) -> str:
    """The first `length` characters, with "…" when cut: truncatechars' output without its lazy
    Truncator object, which cost a work list of 50 rows measurable time (docs/performance.md)."""
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@register.filter
def dutch_date(day: date | None) -> str:
    """'di 26 mei 2026', as casus.deadlines writes dates."""
    return deadlines.explain.dutch_date(day) if day else ""
