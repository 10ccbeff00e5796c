import pytest
from django.urls import reverse

from contacts.models import Tag
from tests.conftest import make_contact, make_tag
from tests.contacts.conftest import HX, html, is_fragment, login_url_for

pytestmark = pytest.mark.django_db

TAGS_URL = reverse("contacts:tags")


def edit_url(tag: Tag) -> str:
    return reverse("contacts:tag_edit", args=[tag.code])


def tag_data(tag: Tag, name: str, kind: str = "technology", colour: str = "info") -> dict:
    """The row form's fields carry the tag's code as prefix, so many rows fit on one page."""
    return {f"{tag.code}-name": name, f"{tag.code}-kind": kind, f"{tag.code}-colour": colour}


@pytest.fixture
def python(alice) -> Tag:
    tag = make_tag(alice, "python")
    make_contact(alice, name="Ada", tags=[tag])
    return tag


def test_edit_page_shows_the_tag_form(alice_client, python):
    response = alice_client.get(edit_url(python))

    assert response.status_code == 200
    page = html(response)
    assert "Edit tag" in page
    assert f'name="{python.code}-name" value="python"' in page
    assert '?tag=python">1 contact</a>' in page


def test_renaming_recolouring_and_rekinding_a_tag(alice_client, python):
    response = alice_client.post(edit_url(python), tag_data(python, "  Python  ", "event", "error"))

    assert response.status_code == 302
    assert response.url == TAGS_URL
    python.refresh_from_db()
    assert (python.name, python.kind, python.colour) == ("Python", "event", "error")
    assert python.contacts.count() == 1
    assert "Saved tag “Python”." in html(alice_client.get(TAGS_URL))


def test_changing_only_the_case_of_the_name_is_allowed(alice_client, python):
    alice_client.post(edit_url(python), tag_data(python, "PYTHON"))

    python.refresh_from_db()
    assert python.name == "PYTHON"


def test_renaming_to_an_existing_name_in_any_case_suggests_a_merge(alice_client, alice, python):
    make_tag(alice, "Django")

    response = alice_client.post(edit_url(python), tag_data(python, "DJANGO"))

    assert response.status_code == 200
    assert "You already have a tag called “Django”. Merge the two instead." in html(response)
    python.refresh_from_db()
    assert python.name == "python"


def test_a_tag_name_with_a_comma_is_refused(alice_client, python):
    response = alice_client.post(edit_url(python), tag_data(python, "Python, Django"))

    assert "Tag names cannot contain commas." in html(response)
    python.refresh_from_db()
    assert python.name == "python"


def test_another_users_tag_of_the_same_name_is_no_clash(alice_client, charlie, python):
    make_tag(charlie, "Snake")

    alice_client.post(edit_url(python), tag_data(python, "Snake"))

    python.refresh_from_db()
    assert python.name == "Snake"


def test_outsider_cannot_see_or_change_the_tag(charlie_client, python):
    assert charlie_client.get(edit_url(python)).status_code == 404

    response = charlie_client.post(edit_url(python), tag_data(python, "Hacked"))

    assert response.status_code == 404
    python.refresh_from_db()
    assert python.name == "python"


def test_anonymous_visitor_is_sent_to_login_and_nothing_changes(client, python):
    response = client.post(edit_url(python), tag_data(python, "Hacked"))

    assert response.status_code == 302
    assert response.url == login_url_for(edit_url(python))
    python.refresh_from_db()
    assert python.name == "python"


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_tag_edit_answers_only_get_and_post(alice_client, python, method):
    assert getattr(alice_client, method)(edit_url(python)).status_code == 405
    assert Tag.objects.filter(pk=python.pk).exists()


def test_htmx_save_returns_the_updated_row(alice_client, python):
    response = alice_client.post(
        edit_url(python), tag_data(python, "Python", colour="success"), **HX
    )

    assert response.status_code == 200
    assert is_fragment(response)
    row = html(response).strip()
    assert row.startswith(f'<li id="tag-{python.code}"')
    assert row.endswith("</li>")
    assert '<span class="badge badge-success">Python</span>' in row
    assert 'role="status">Saved</span>' in row
    assert '?tag=Python">1 contact</a>' in row
    python.refresh_from_db()
    assert python.name == "Python"


def test_htmx_invalid_save_returns_the_row_with_the_error_and_the_stored_badge(
    alice_client, alice, python
):
    make_tag(alice, "Django")

    response = alice_client.post(edit_url(python), tag_data(python, "django", colour="error"), **HX)

    assert response.status_code == 200
    assert is_fragment(response)
    row = html(response)
    assert "You already have a tag called “Django”." in row
    assert f'name="{python.code}-name" value="django"' in row  # what was typed stays editable
    assert '<span class="badge badge-neutral">python</span>' in row
    assert ">Saved<" not in row
    python.refresh_from_db()
    assert (python.name, python.colour) == ("python", "neutral")
