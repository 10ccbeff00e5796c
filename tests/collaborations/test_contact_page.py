"""A contact's page lists the collaborations they are in."""

import pytest

from collaborations.models import Person
from tests.collaborations.conftest import make_collaboration, url
from tests.conftest import make_contact
from tests.contacts.conftest import contact_page

pytestmark = pytest.mark.django_db


def test_the_contact_page_lists_their_collaborations(alice_client, talk, ada):
    page = contact_page(alice_client, ada)

    assert "Collaborations" in page
    assert "Async Django in practice" in page
    assert "speaker, talk or workshop, idea" in page
    assert url("detail", talk.code) in page


def test_no_card_for_someone_in_none(alice_client, alice):
    page = contact_page(alice_client, make_contact(alice, name="Nobody"))

    assert 'id="collaborations"' not in page


def test_open_source_projects_are_the_projects_you_share(alice_client, alice, ada, talk):
    repo = make_collaboration(
        alice,
        title="django-board-kit",
        kind="open_source",
        own_role="maintainer",
        url="https://github.com/example/board-kit",
    )
    Person.objects.create(collaboration=repo, contact=ada, role="contributor")

    page = contact_page(alice_client, ada)

    shared = page[page.index('id="shared-projects"') :]
    shared = shared[: shared.index("</section>")]
    assert "django-board-kit" in shared
    assert "contributor; you: maintainer" in shared
    assert "https://github.com/example/board-kit" in shared
    others = page[page.index('id="collaborations"') :]
    assert "django-board-kit" not in others[: others.index("</section>")]
