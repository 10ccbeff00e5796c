"""accounts.services: sign-up with an invitation claims it once, even when two people race."""

import pytest
from django.utils import timezone

from accounts import services
from accounts.forms import SignupForm
from accounts.models import Invite, User
from tests.accounts.test_views_signup import signup_data
from tests.concurrency import run_in_threads
from tests.conftest import make_user


def valid_form(username: str) -> SignupForm:
    form = SignupForm(signup_data(username=username, email=f"{username}@example.com"))
    assert form.is_valid(), form.errors
    return form


@pytest.mark.django_db
def test_a_refused_claim_creates_no_account(alice):
    invite = Invite.objects.create(owner=alice, revoked_at=timezone.now())

    with pytest.raises(services.InviteUnavailable):
        services.sign_up(valid_form("bob"), invite)

    assert not User.objects.filter(username="bob").exists()


@pytest.mark.django_db
def test_without_an_invitation_the_account_is_simply_created():
    user = services.sign_up(valid_form("bob"))

    assert User.objects.get() == user


@pytest.mark.django_db
def test_revoke_switches_off_an_open_link_only(alice):
    open_invite = Invite.objects.create(owner=alice)
    used = Invite.objects.create(owner=alice, used_at=timezone.now())

    assert services.revoke_invite(open_invite) is True
    assert services.revoke_invite(open_invite) is False
    assert services.revoke_invite(used) is False
    used.refresh_from_db()
    assert used.revoked_at is None


@pytest.mark.django_db(transaction=True)
def test_two_people_sending_one_link_at_once_make_one_account():
    invite = Invite.objects.create(owner=make_user("alice"))
    forms = [valid_form("bob"), valid_form("carol")]

    def sign_up(form) -> str:
        try:
            return services.sign_up(form, Invite.objects.get(pk=invite.pk)).username
        except services.InviteUnavailable:
            return "refused"

    results = run_in_threads(sign_up, forms)

    assert sorted(results)[-1] == "refused"
    assert list(User.objects.exclude(username="alice").values_list("username", flat=True)) == [
        sorted(results)[0]
    ]
    invite.refresh_from_db()
    assert invite.used_at is not None
