import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.quickconnect.owner.conftest import (
    NOW,
    find_all,
    find_one,
    html,
    login_url_for,
    make_code,
    make_event,
    public_path,
    submit,
)

pytestmark = pytest.mark.django_db


def show_url(code) -> str:
    return reverse("quickconnect:show", args=[code.code])


def test_shows_a_big_qr_code_the_event_and_the_public_address(alice_client, alice, frozen):
    code = make_code(
        alice,
        event=make_event(alice, name="PyCon Berlin"),
        session="Keynote",
        expires_at=NOW + dt.timedelta(hours=24),
        max_uses=50,
    )

    response = alice_client.get(show_url(code))

    assert response.status_code == 200
    page = html(response)
    public_url = f"http://testserver{public_path(code)}"
    assert public_path(code) == f"/q/{code.token}/"
    image = find_one(page, "img", class_="qr-image bg-white p-2 rounded")
    assert image.get("src") == reverse("quickconnect:image", args=[code.code, "svg"])
    assert int(image.get("width")) >= 400 and int(image.get("height")) >= 400
    assert image.get("alt") == f"QR code that opens {public_url}"
    assert find_one(page, "h1").clean_text == "PyCon Berlin"
    assert "Keynote" in page
    assert find_one(page, "a", href=public_url).clean_text == public_url
    assert "Scan to add yourself to alice's contacts" in page
    assert "Valid until 15 May 2026, 09:30, for 50 uses." in page
    assert not find_all(page, "p", role="alert")
    assert "This code is" not in page


def test_offers_svg_and_png_downloads_and_printing(alice_client, alice):
    code = make_code(alice)

    page = html(alice_client.get(show_url(code)))

    for fmt in ("svg", "png"):
        link = find_one(
            page, "a", href=reverse("quickconnect:image", args=[code.code, fmt]) + "?download=1"
        )
        assert link.has("download")
    print_buttons = [b for b in find_all(page, "button", type="button") if b.has("data-print")]
    assert [b.clean_text for b in print_buttons] == ["Print"]
    assert find_all(page, "script", src="/static/js/print.js")
    # The navigation and buttons are hidden on paper; the QR code and address are not.
    assert "print:hidden" in find_one(page, "nav", aria_label="Breadcrumb").get("class")


def test_the_page_uses_the_owners_full_name_when_they_have_one(alice_client, alice):
    alice.first_name, alice.last_name = "Alice", "Liddell"
    alice.save()

    page = html(alice_client.get(show_url(make_code(alice))))

    assert "Scan to add yourself to Alice Liddell's contacts" in page


@pytest.mark.parametrize("state", ["expired", "revoked", "used up"])
def test_a_code_that_stopped_working_shows_a_warning(alice_client, alice, state):
    fields = {
        "expired": {"expires_at": timezone.now() - dt.timedelta(seconds=1)},
        "revoked": {"revoked_at": timezone.now()},
        "used up": {"max_uses": 1},
    }[state]
    code = make_code(alice, **fields)
    if state == "used up":
        submit(code)

    response = alice_client.get(show_url(code))

    assert response.status_code == 200
    warning = find_one(html(response), "p", role="alert")
    assert warning.clean_text.startswith(f"This code is {state}:")
    assert "no longer works" in warning.clean_text


def test_outsider_gets_404(charlie_client, alice):
    code = make_code(alice, event_name="Alice's Meetup")

    response = charlie_client.get(show_url(code))

    assert response.status_code == 404
    assert code.token not in html(response)


def test_unknown_code_is_404(alice_client, alice):
    assert (
        alice_client.get(
            reverse("quickconnect:show", args=["00000000-0000-0000-0000-000000000000"])
        ).status_code
        == 404
    )


def test_anonymous_is_sent_to_log_in(client, alice):
    code = make_code(alice)

    response = client.get(show_url(code))

    assert response.status_code == 302
    assert response.url == login_url_for(show_url(code))


def test_post_is_not_allowed(alice_client, alice):
    assert alice_client.post(show_url(make_code(alice))).status_code == 405
