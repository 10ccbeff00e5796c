import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from contacts.models import Contact, Tag
from interactions.models import Interaction
from opportunities.models import Opportunity
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def seed(**options) -> None:
    defaults = {"users": 2, "contacts_per_user": 30, "interactions_per_contact": 3, "seed": 7}
    call_command("seed_demo", verbosity=0, password="demo-pass-123", **(defaults | options))


def snapshot() -> list[tuple]:
    return list(
        Contact.objects.order_by("owner__username", "email").values_list(
            "owner__username", "name", "email", "company", "status", "last_contacted", "is_vip"
        )
    )


def test_creates_the_requested_amounts_for_demo_users():
    seed()

    assert sorted(User.objects.values_list("username", flat=True)) == ["demo", "demo2"]
    for user in User.objects.all():
        contacts = Contact.objects.for_owner(user)
        assert contacts.count() == 30
        assert Interaction.objects.for_owner(user).count() == 90
        assert Opportunity.objects.for_owner(user).count() == 20
        assert Tag.objects.for_owner(user).filter(contacts__isnull=False).exists()
    # last_contacted always equals the latest interaction's date, as in the app.
    for contact in Contact.objects.all()[:10]:
        latest = contact.interactions.order_by("-occurred_at").first().occurred_at
        assert contact.last_contacted == latest.date()


def test_the_same_seed_gives_the_same_data():
    seed(seed=3)
    first = snapshot()
    User.objects.all().delete()
    seed(seed=3)

    assert snapshot() == first


def test_demo_users_can_log_in(client):
    seed(users=1)

    response = client.post(
        "/accounts/login/",
        {"username": "demo", "password": "demo-pass-123"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


def test_refuses_a_database_with_real_users():
    make_user("alice")

    with pytest.raises(CommandError, match="real users"):
        seed()
    assert not Contact.objects.exists()


def test_force_seeds_beside_real_users():
    make_user("alice")

    seed(users=1, force=True)

    assert Contact.objects.filter(owner__username="demo").count() == 30


def test_refuses_to_seed_twice():
    seed(users=1)

    with pytest.raises(CommandError, match="already exist"):
        seed(users=1)


def test_rejects_impossible_sizes():
    with pytest.raises(CommandError, match="--users"):
        seed(users=0)
