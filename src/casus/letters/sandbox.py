"""A sandboxed Django template engine for letter texts a functioneel beheerder writes.

What a letter template can do is limited on purpose:

- only a few tags (if, for, with, firstof, comment, spaceless) and text filters: no {% load %},
  {% include %}, {% extends %}, {% url %}, {% debug %} or {% csrf_token %}, so a template cannot read
  other templates, settings, the URL map or the context's internals;
- the context holds merge fields only: read-only mappings of strings (types.MappingProxyType), so a
  template cannot reach a model, a queryset or a method that changes something;
- a variable that does not exist renders as a marker, which the renderer turns into a "missing merge
  field" error: a letter never goes out with an empty gap.

The output is plain text; the letter layout escapes it when it builds the HTML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

from django.template import Context, Engine, Library, Template, TemplateSyntaxError, defaultfilters, defaulttags

ALLOWED_TAGS = ("if", "for", "with", "firstof", "comment", "spaceless")
ALLOWED_FILTERS = (
    "default", "upper", "lower", "capfirst", "title", "length", "join", "pluralize", "yesno", "first", "last",
    "cut", "add", "wordwrap", "truncatewords",
)  # fmt: skip

register = Library()
for _name in ALLOWED_TAGS:
    register.tags[_name] = defaulttags.register.tags[_name]
for _name in ALLOWED_FILTERS:
    register.filters[_name] = defaultfilters.register.filters[_name]

MISSING = "\x1bontbreekt:%s\x1b"
_MISSING_RE = re.compile("\x1bontbreekt:([^\x1b]*)\x1b")


class LetterTemplateError(Exception):
    """A template that does not compile; the message is Dutch and names the line."""


class _SandboxEngine(Engine):
    default_builtins = ["casus.letters.sandbox"]  # only this module's `register`, not Django's tags


@cache
def engine() -> Engine:
    return _SandboxEngine(
        dirs=[], app_dirs=False, loaders=[], libraries={}, autoescape=False, debug=True, string_if_invalid=MISSING
    )


def compile_text(text: str) -> Template:
    """Compile a template text or raise LetterTemplateError with a Dutch explanation."""
    try:
        return engine().from_string(text)
    except TemplateSyntaxError as error:
        raise LetterTemplateError(dutch_error(error, text)) from None


def render(template: Template, fields: Mapping[str, Any]) -> tuple[str, list[str]]:
    """Render with read-only merge fields; return the text and the names of missing fields (in order)."""
    text = template.render(Context(freeze(fields), autoescape=False))
    missing = list(dict.fromkeys(_MISSING_RE.findall(text)))
    return text, missing


def freeze(value: Any) -> Any:
    """Nested dicts become read-only mappings; everything else must already be a plain value."""
    if isinstance(value, Mapping):
        return MappingProxyType({str(key): freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"A letter merge field must be plain data, not {type(value).__name__}")


_ALLOWED_TEXT = ", ".join("{% " + tag + " %}" for tag in ALLOWED_TAGS)


def dutch_error(error: TemplateSyntaxError, text: str) -> str:
    """The compiler's English message, said in plain Dutch with the line it is on."""
    message = str(error)
    line = _line_of(error, message)
    where = f"Regel {line}: " if line else ""
    if found := re.search(r"Invalid block tag on line \d+: '([^']+)'", message):
        tag = found.group(1)
        if tag.startswith("end") or tag in ("else", "elif", "empty"):
            return f"{where}{{% {tag} %}} staat hier zonder de opdracht die erbij hoort."
        return f"{where}de opdracht {{% {tag} %}} kan niet in een brief. U kunt gebruiken: {_ALLOWED_TEXT}."
    if found := re.search(r"Unclosed tag on line \d+: '([^']+)'", message):
        tag = found.group(1)
        return f"{where}{{% {tag} %}} is niet afgesloten. Zet {{% end{tag} %}} op de plek waar het stuk ophoudt."
    if found := re.search(r"Invalid filter: '([^']+)'", message):
        return f"{where}het filter '{found.group(1)}' bestaat niet of kan niet in een brief."
    if "may not begin with underscores" in message:
        return f"{where}een veldnaam mag niet met een liggend streepje (_) beginnen."
    if "Could not parse" in message or "Could not find variable" in message:
        return f"{where}deze veldnaam klopt niet. Schrijf velden zo: {{{{ zaak.kenmerk }}}}."
    return f"{where}de tekst klopt niet als sjabloon ({message})."


def _line_of(error: TemplateSyntaxError, message: str) -> int | None:
    debug = getattr(error, "template_debug", None)
    if debug and debug.get("line"):
        return int(debug["line"])
    found = re.search(r"on line (\d+)", message)
    return int(found.group(1)) if found else None
