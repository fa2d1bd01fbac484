"""A letter template is Django's template language in a sandbox: merge fields only, a few tags, no
settings, no other templates, no methods with side effects; syntax errors are refused in Dutch."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from casus.letters import sandbox
from casus.letters.fields import example_fields
from casus.letters.models import LetterTemplateVersion
from casus.letters.render import MissingFields, fill
from casus.letters.services import LetterTemplateError, template_validate

FIELDS = example_fields(None, on=date(2026, 5, 12))


def _validate(body: str) -> str:
    with pytest.raises(LetterTemplateError) as refused:
        template_validate(subject="Onderwerp", body=body)
    return str(refused.value)


@pytest.mark.parametrize(
    "body",
    [
        "{% load static %}",
        "{% include 'letters/_sheet.html' %}",
        "{% extends 'casus/base.html' %}",
        "{% debug %}",
        "{% url 'home' %}",
        "{% csrf_token %}",
        "{% now 'Y' %}",
    ],
)
def test_tags_outside_the_sandbox_are_refused(body: str) -> None:
    message = _validate(f"Beste inwoner,\n\n{body}")
    assert "Regel 3" in message and "kan niet in een brief" in message


def test_a_syntax_error_is_refused_in_dutch_with_its_line() -> None:
    message = _validate("{{ inwoner.aanhef }},\n\n{% if zaak.onderwerp %}Over {{ zaak.onderwerp }}.")
    assert message == "Tekst: Regel 3: {% if %} is niet afgesloten. Zet {% endif %} op de plek waar het stuk ophoudt."
    assert "bestaat niet" in _validate("{{ zaak.kenmerk|date:'Y' }}")
    assert "liggend streepje" in _validate("{{ zaak.__class__ }}")


def test_a_field_that_does_not_exist_is_refused() -> None:
    message = _validate("Uw kenmerk: {{ zaak.kenmark }}.")
    assert "{{ zaak.kenmark }}" in message and "bestaat niet" in message


def test_a_template_cannot_read_settings() -> None:
    assert "{{ settings.SECRET_KEY }}" in _validate("{{ settings.SECRET_KEY }}")
    text, missing = sandbox.render(sandbox.compile_text("{{ settings.SECRET_KEY }}{{ request.user }}"), FIELDS)
    assert settings.SECRET_KEY not in text
    assert missing == ["settings.SECRET_KEY", "request.user"]


def test_a_template_cannot_call_a_method_that_changes_something() -> None:
    fields = {"zaak": {"kenmerk": "KL-2026-000001"}}
    text, missing = sandbox.render(
        sandbox.compile_text("{{ zaak.clear }}{{ zaak.pop }}{{ zaak.update }}{{ zaak.kenmerk }}"), fields
    )
    assert text.endswith("KL-2026-000001")
    assert missing == ["zaak.clear", "zaak.pop", "zaak.update"]
    assert fields == {"zaak": {"kenmerk": "KL-2026-000001"}}


def test_only_plain_data_goes_into_a_template() -> None:
    class Model:
        def delete(self) -> None:
            raise AssertionError("called")

    with pytest.raises(TypeError):
        sandbox.freeze({"zaak": Model()})


def test_a_missing_value_is_an_error_never_a_gap() -> None:
    version = LetterTemplateVersion(subject="Over {{ zaak.onderwerp }}", body="Beste {{ inwoner.naam }}, {{ x.y }}")
    with pytest.raises(MissingFields) as refused:
        fill(version, {"zaak": {}, "inwoner": {"naam": "Jan"}})
    assert refused.value.missing == ["zaak.onderwerp", "x.y"]
    assert "Onderwerp of regeling" in str(refused.value)


def test_an_if_on_an_empty_field_is_fine() -> None:
    version = LetterTemplateVersion(subject="S", body="A{% if zaak.onderwerp %} over {{ zaak.onderwerp }}{% endif %}.")
    assert fill(version, {"zaak": {}}) == ("S", "A.")
