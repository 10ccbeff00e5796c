import pytest

from security.devices import device_label
from tests.security.conftest import FIREFOX, IPHONE

ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.0 Safari/605.1.15"
)


@pytest.mark.parametrize(
    ("agent", "label"),
    [
        (FIREFOX, "Firefox on Ubuntu"),
        (IPHONE, "Safari on iPhone"),
        (ANDROID, "Chrome on Android"),
        (MAC, "Safari on macOS"),
        ("curl/8.4.0", "curl"),
        ("", "Unknown device"),
        ("\x00<script>", "Unknown browser"),
    ],
)
def test_a_browser_gets_the_name_people_call_it(agent, label):
    assert device_label(agent) == label
