"""A user who forgot their password gets a one-time link by e-mail; the first page never tells whether
an account exists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_login_page_links_to_the_password_reset() -> None:
    body = Client().get(reverse("auth:login")).content.decode()
    assert reverse("auth:password_reset") in body and "Wachtwoord vergeten?" in body


def test_a_user_resets_the_password_through_the_link_in_the_e_mail(behandelaar: Any) -> None:
    client = Client()
    response = client.post(reverse("auth:password_reset"), {"email": behandelaar.email})
    assert response.headers["Location"] == reverse("auth:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Casus: nieuw wachtwoord kiezen"
    assert "Beste Sanne Bakker" in message.body
    link = re.search(r"http://testserver(/wachtwoord-vergeten/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Lange-zin-met-koffie-42", "new_password2": "Lange-zin-met-koffie-42"},
    )
    assert done.headers["Location"] == reverse("auth:password_reset_complete")
    behandelaar.refresh_from_db()
    assert behandelaar.check_password("Lange-zin-met-koffie-42")
    again = client.get(link, follow=True)
    assert "Deze link werkt niet meer." in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_e_mail() -> None:
    response = Client().post(reverse("auth:password_reset"), {"email": "niemand@casus.invalid"})
    assert response.headers["Location"] == reverse("auth:password_reset_done")
    assert mail.outbox == []
