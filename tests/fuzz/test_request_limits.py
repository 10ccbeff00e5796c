"""Oversized requests get a clean 400 (Django's request size limits), never a 500, signed in or
on the public Quick Connect form."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.test.client import MULTIPART_CONTENT, encode_multipart

from contacts.models import Contact

pytestmark = pytest.mark.django_db
BOUNDARY = "fuzzboundary"


def test_the_limits_are_set() -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000


def urls(world) -> list[tuple[str, bool]]:
    return [("/contacts/new/", True), (f"/q/{world.quick_code.token}/", False)]


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_a_body_over_the_memory_limit_is_a_clean_400(client, world, encoding) -> None:
    notes = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    data = {"name": "Big", "notes": notes, "consent": "on"}
    for url, signed_in in urls(world):
        client.logout()
        if signed_in:
            client.force_login(world.alice)
        before = Contact.objects.count()
        if encoding == "multipart":
            body = encode_multipart(BOUNDARY, data)
            response = client.generic(
                "POST", url, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
            )
        else:
            response = client.post(
                url, f"name=Big&notes={notes}", content_type="application/x-www-form-urlencoded"
            )
        assert response.status_code == 400, (url, response.status_code)
        assert Contact.objects.count() == before


def test_too_many_fields_is_a_clean_400(client, world) -> None:
    body = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    for url, signed_in in urls(world):
        client.logout()
        if signed_in:
            client.force_login(world.alice)
        response = client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 400, (url, response.status_code)


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_the_limit_counts_the_whole_body_not_one_field(client, world) -> None:
    """Many small fields that add up past the limit are refused too."""
    client.force_login(world.alice)
    data = {f"field{i}": "y" * 90 for i in range(20)}
    response = client.post("/contacts/new/", data, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400
