"""Every write behind sign-up and invitations, for the views, the admin and the shell alike."""

from django.db import transaction
from django.utils import timezone

from accounts import login_limit
from accounts.forms import SignupForm
from accounts.models import Invite, User
from history import services as history
from history.sources import paused


class InviteUnavailable(Exception):
    """The invitation was used, revoked or expired between opening the page and sending it."""


def sign_up(form: SignupForm, invite: Invite | None = None) -> User:
    """Create the account from a valid form; with an invitation, only if it is claimed with it.

    The claim is a conditional update, so of two people sending the same link at once exactly one
    gets an account, and a link revoked or expired meanwhile creates none (the account is rolled
    back with the refused claim)."""
    with transaction.atomic():
        user = form.save()
        login_limit.forget(user.get_username())  # left by a deleted account of the same name
        if invite is not None:
            now = timezone.now()
            claimed = Invite.objects.filter(
                pk=invite.pk, used_at=None, revoked_at=None, expires_at__gt=now
            ).update(used_at=now)
            if not claimed:
                raise InviteUnavailable
    return user


def create_invite(owner: User, note: str = "") -> Invite:
    return Invite.objects.create(owner=owner, note=note)


def revoke_invite(invite: Invite) -> bool:
    """Switch an unused link off; False when it was already used or revoked."""
    return bool(
        Invite.objects.filter(pk=invite.pk, used_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    )


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the account and everything in it, its history of changes too (whose rows keep
    the owner as a plain value, so no cascade reaches them). Nothing is recorded on the way."""
    with paused():
        history.forget_account(user)
        user.delete()
