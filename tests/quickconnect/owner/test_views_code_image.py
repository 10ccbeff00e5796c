import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.quickconnect.owner.conftest import login_url_for, make_code

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def image_url(code, fmt: str) -> str:
    return reverse("quickconnect:image", args=[code.code, fmt])


def test_svg_is_an_svg_document(alice_client, alice):
    response = alice_client.get(image_url(make_code(alice), "svg"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    root = ET.fromstring(response.content)
    assert root.tag.rpartition("}")[2] == "svg"
    assert any(child.tag.endswith("path") for child in root.iter())
    assert "Content-Disposition" not in response


def test_png_is_a_png_image(alice_client, alice):
    response = alice_client.get(image_url(make_code(alice), "png"))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(PNG_SIGNATURE)
    assert len(response.content) > 100
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_download_is_an_attachment(alice_client, alice, fmt):
    response = alice_client.get(image_url(make_code(alice), fmt), {"download": "1"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="quick-connect.{fmt}"'


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_each_code_gets_its_own_image(alice_client, alice, fmt):
    first = alice_client.get(image_url(make_code(alice), fmt)).content
    second = alice_client.get(image_url(make_code(alice), fmt)).content

    assert first != second


@pytest.mark.parametrize("fmt", ["gif", "jpg", "SVG", "svg.png"])
def test_other_formats_are_404(alice_client, alice, fmt):
    assert alice_client.get(image_url(make_code(alice), fmt)).status_code == 404


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_outsider_gets_404(charlie_client, alice, fmt):
    response = charlie_client.get(image_url(make_code(alice), fmt), {"download": "1"})

    assert response.status_code == 404
    assert not response.content.startswith(PNG_SIGNATURE)
    assert "Content-Disposition" not in response


def test_anonymous_is_sent_to_log_in(client, alice):
    url = image_url(make_code(alice), "png")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url_for(url)


def test_post_is_not_allowed(alice_client, alice):
    assert alice_client.post(image_url(make_code(alice), "svg")).status_code == 405
