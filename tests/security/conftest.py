import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

FIREFOX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0"
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
HOME_IP = "203.0.113.7"
PHONE_IP = "198.51.100.20"


def log_in(
    client: Client,
    username: str = "alice",
    password: str = PASSWORD,
    agent: str = FIREFOX,
    ip: str = HOME_IP,
):
    """A real POST to the log-in form, from a browser and an address."""
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=agent,
    )


@pytest.fixture
def laptop(client, alice) -> Client:
    """alice logged in with Firefox on her laptop."""
    assert log_in(client).status_code == 302
    return client


@pytest.fixture
def phone(alice) -> Client:
    """alice logged in with Safari on her iPhone, at the same time."""
    phone = Client()
    assert log_in(phone, agent=IPHONE, ip=PHONE_IP).status_code == 302
    return phone
