"""The display name, added to existing accounts."""

import pytest

from tests.migrating import latest, migrate, migrated_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("accounts", "0008_login_limit")]


def test_existing_accounts_show_their_full_name_or_else_their_username():
    with migrated_to(BEFORE) as apps:
        User = apps.get_model("accounts", "User")
        named = User.objects.create(username="ada_dev", first_name=" Ada ", last_name="Lovelace")
        first_only = User.objects.create(username="grace", first_name="Grace")
        handle = User.objects.create(username="linus")
        ids = [named.pk, first_only.pk, handle.pk]

    migrate(latest())
    from accounts.models import User

    named, first_only, handle = (User.objects.get(pk=pk) for pk in ids)
    assert (named.display_name, named.public_name) == ("Ada Lovelace", "Ada Lovelace")
    assert (first_only.display_name, first_only.public_name) == ("Grace", "Grace")
    assert (handle.display_name, handle.public_name) == ("", "linus")
