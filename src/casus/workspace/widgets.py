"""A select box rendered in Python: the work lists' filter form renders its four select boxes on every
request, and Django's template per option cost more than the list's query (docs/performance.md).
The HTML is the same as django/forms/widgets/select.html (tests/workspace/test_widgets.py compares them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict[str, Any]) -> SafeString:
    """As django/forms/widgets/attrs.html: ` name="value"`, a bare name for True, nothing for False."""
    return format_html_join(
        "", " {}{}", ((name, "" if value is True else format_html('="{}"', value)) for name, value in attrs.items()
                      if value is not False),
    )  # fmt: skip


class FastSelect(forms.Select):
    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            html = format_html_join(
                "\n  ", '<option value="{}"{}>{}</option>',
                ((option["value"], _attrs(option["attrs"]), option["label"]) for option in options),
            )  # fmt: skip
            groups.append(
                format_html('<optgroup label="{}">\n  {}\n  </optgroup>', group_name, html) if group_name else html
            )
        body = mark_safe("".join(f"\n  {group}" for group in groups))  # each part was escaped above
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), body)
