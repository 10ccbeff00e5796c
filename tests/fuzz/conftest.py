import pytest
from django.conf import settings

from tests.fuzz.support import World, build_world


@pytest.fixture
def world(alice, charlie) -> World:
    return build_world(alice, charlie)


@pytest.fixture
def signed_in(client, world):
    """alice's session cookie, created once: every example starts from it again (an example that
    logs out or rotates the session has its database changes rolled back, not the cookie's)."""
    client.force_login(world.alice)
    return client.cookies[settings.SESSION_COOKIE_NAME].value
