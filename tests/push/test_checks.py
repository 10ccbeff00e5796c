import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_bad_vapid_keys_stop_the_system_checks(settings):
    settings.VAPID_PRIVATE_KEY = "not-a-key"

    with pytest.raises(SystemCheckError, match=r"push\.E001"):
        call_command("check", "--tag", "push")


def test_no_vapid_settings_pass_the_checks(settings):
    settings.VAPID_PRIVATE_KEY = settings.VAPID_PUBLIC_KEY = ""

    call_command("check", "--tag", "push")
