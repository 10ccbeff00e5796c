import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def reset_link() -> str:
    [message] = mail.outbox
    return re.search(r"http://testserver(/accounts/password/reset/\S+/)", message.body).group(1)


def test_reset_by_email_sets_a_new_password_and_the_link_works_once(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert response.status_code == 302
    assert mail.outbox[0].subject == "Reset your DevHub CRM password"
    link = reset_link()

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "a-brand-new-passphrase-42"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)

    assert "has been used or has expired" in client.get(link, follow=True).content.decode()


def test_unknown_addresses_get_the_same_answer_and_no_mail(client, alice):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})

    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_pages_need_no_login_and_are_linked_from_the_login_page(client):
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("accounts:password_reset_done")).status_code == 200
    login = client.get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in login


def test_changing_the_password_ends_other_sessions(client, alice):
    other = client.__class__()
    other.force_login(alice)
    client.force_login(alice)

    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "another-good-pass-77",
            "new_password2": "another-good-pass-77",
        },
    )

    assert client.get(reverse("contacts:list")).status_code == 200  # this session stays
    assert other.get(reverse("contacts:list")).status_code == 302  # the other one ended
