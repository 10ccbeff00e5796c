"""The one accessible field template every form uses (devhub.lib.forms.FormRenderer)."""

import pytest
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.urls import reverse

from devhub.lib.forms import StyledFormMixin
from tests.devhub.conftest import Element, find_all, find_one, parse


class ProfileForm(StyledFormMixin, forms.Form):
    nickname = forms.CharField(max_length=20, help_text="What your friends call you.")
    website = forms.URLField(required=False)
    bio = forms.CharField(required=False, widget=forms.Textarea)
    newsletter = forms.BooleanField(required=False, help_text="At most once a month.")


def render(form: forms.Form) -> list[Element]:
    return parse(form.as_div())


def described_by(page: list[Element], control: Element) -> list[Element]:
    """The elements a screen reader reads after the control's name, in order."""
    ids = control.get("aria-describedby").split()
    return [find_one(page, id=element_id) for element_id in ids]


def test_an_invalid_field_is_marked_invalid_and_points_at_its_error():
    form = ProfileForm(data={"nickname": "x" * 21, "website": "not a url"})
    assert not form.is_valid()

    page = render(form)

    for name in ("nickname", "website"):
        control = find_one(page, name=name)
        assert control.get("aria-invalid") == "true"
        texts = [e.clean_text for e in described_by(page, control)]
        assert any(form.errors[name][0] in text for text in texts), texts


def test_a_valid_field_is_not_marked_invalid():
    form = ProfileForm(data={"nickname": "x" * 21, "website": "https://example.com"})
    form.is_valid()

    control = find_one(render(form), name="website")

    assert not control.has("aria-invalid")
    assert "error" not in control.get("aria-describedby")


def test_help_text_is_linked_to_its_field():
    page = render(ProfileForm())

    for name, help_text in [
        ("nickname", "What your friends call you."),
        ("newsletter", "At most once a month."),
    ]:
        control = find_one(page, name=name)
        assert [e.clean_text for e in described_by(page, control)] == [help_text]


def test_help_text_and_error_are_both_read_out():
    form = ProfileForm(data={})
    form.is_valid()
    page = render(form)

    control = find_one(page, name="nickname")

    texts = [e.clean_text for e in described_by(page, control)]
    assert "What your friends call you." in texts
    assert any("This field is required." in text for text in texts)


def test_every_field_has_a_label_tied_to_its_control():
    page = render(ProfileForm())

    for name, label in [
        ("nickname", "Nickname"),
        ("website", "Website"),
        ("bio", "Bio"),
        ("newsletter", "Newsletter"),
    ]:
        control = find_one(page, name=name)
        assert label in find_one(page, "label", for_=control.get("id")).clean_text


def test_required_fields_are_announced_as_required_and_optional_ones_are_not():
    page = render(ProfileForm())

    assert find_one(page, name="nickname").has("required")
    for name in ("website", "bio", "newsletter"):
        assert not find_one(page, name=name).has("required")


def test_the_visual_required_marker_is_hidden_from_screen_readers():
    page = render(ProfileForm())

    markers = [e for e in page if e.clean_text == "*"]

    assert markers, "required fields should show a visual marker"
    assert all(marker.get("aria-hidden") == "true" for marker in markers)


def test_widgets_get_the_house_style():
    page = render(ProfileForm())

    assert "input" in find_one(page, name="nickname").classes
    assert "textarea" in find_one(page, name="bio").classes
    assert "checkbox" in find_one(page, name="newsletter").classes


@pytest.mark.django_db
def test_a_real_page_uses_the_accessible_template(client):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "bob", "password1": "a-long-passphrase-1", "password2": "nope"},
    )
    page = parse(response.content)

    password2 = find_one(page, name="password2")
    assert password2.get("aria-invalid") == "true"
    assert password2.has("required")
    texts = [e.clean_text for e in described_by(page, password2)]
    assert str(UserCreationForm.error_messages["password_mismatch"]) in " ".join(texts)

    password1 = find_one(page, name="password1")
    assert not password1.has("aria-invalid")
    help_texts = [e.clean_text for e in described_by(page, password1)]
    assert any("at least 8 characters" in text for text in help_texts)
    assert not find_all(page, name="email")[0].has("required")
