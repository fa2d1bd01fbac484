"""The live plain-language check on any textarea: the htmx attributes of the recipe in
casus.answers.readability, for a Django form widget.

    widget=forms.Textarea(attrs={"rows": 6, **readability_attrs("id_text", field="text")})
"""

from __future__ import annotations

import json

from django.urls import reverse


def result_id(textarea_id: str) -> str:
    """The id of the box that shows the result for this textarea."""
    return f"{textarea_id}_leesbaarheid"


def readability_attrs(textarea_id: str, *, field: str = "text") -> dict[str, str]:
    """htmx attributes: post the text 600 ms after the last change (and once on load) and show the
    result in the box answers/_readability.html renders. `input` rather than `keyup`: it also fires
    on a paste with the mouse, on dictation and on autofill, which keyup misses."""
    return {
        "hx-post": reverse("answers:readability"),
        "hx-trigger": "input changed delay:600ms, load",
        "hx-target": f"#{result_id(textarea_id)}",
        "hx-swap": "innerHTML",
        "hx-vals": json.dumps({"field": field}),
        "hx-sync": "this:replace",
        "aria-describedby": result_id(textarea_id),
    }
