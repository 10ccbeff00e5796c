import datetime as dt

import pytest
from django import forms

from contacts.models import Tag
from tests.conftest import make_tag
from tests.vip.conftest import make_contact_info, make_profile, make_vip, section_data
from vip.forms import (
    MAX_SOCIAL_LINKS,
    ContactInfoForm,
    DeveloperProfileForm,
    ProjectForm,
    parse_social_links,
)
from vip.models import ContactInfo, DeveloperProfile

pytestmark = pytest.mark.django_db


# --- Social links ------------------------------------------------------------------------------


def test_social_links_take_a_label_or_a_bare_url_per_line():
    text = "Mastodon | https://hachyderm.io/@ada\n\n  https://ada.dev/blog  \nMy | site | http://x.example/"

    assert parse_social_links(text) == [
        {"label": "Mastodon", "url": "https://hachyderm.io/@ada"},
        {"label": "", "url": "https://ada.dev/blog"},
        {"label": "My | site", "url": "http://x.example/"},
    ]


def test_no_social_links_is_an_empty_list():
    assert parse_social_links("") == []
    assert parse_social_links("\n  \n") == []


@pytest.mark.parametrize(
    "bad_line",
    [
        "javascript:alert(1)",
        "Click me | javascript:alert(document.cookie)",
        "ftp://files.example.com/",
        "Mail | mailto:ada@example.com",
        "hachyderm.io/@ada",
        "Mastodon |",
    ],
)
def test_social_links_must_be_web_addresses_and_the_error_names_the_line(bad_line):
    text = f"https://ada.dev\n\n{bad_line}"

    with pytest.raises(forms.ValidationError) as excinfo:
        parse_social_links(text)

    message = excinfo.value.messages[0]
    assert message.startswith("Line 3:")
    assert "http(s)://" in message


def test_at_most_twenty_social_links():
    lines = [f"https://example.com/{n}" for n in range(MAX_SOCIAL_LINKS + 1)]

    assert len(parse_social_links("\n".join(lines[:MAX_SOCIAL_LINKS]))) == 20
    with pytest.raises(forms.ValidationError, match="At most 20 links"):
        parse_social_links("\n".join(lines))


# --- Contact info -------------------------------------------------------------------------------


def contact_info_form(contact, **overrides) -> ContactInfoForm:
    instance = ContactInfo.objects.filter(contact=contact).first() or ContactInfo(contact=contact)
    return ContactInfoForm(section_data("contact-info", **overrides), instance=instance)


def test_contact_info_form_saves_channel_email_phone_and_links(alice):
    ada = make_vip(alice)
    form = contact_info_form(
        ada, links_text="Mastodon | https://hachyderm.io/@ada\nhttps://ada.dev"
    )

    assert form.is_valid(), form.errors
    form.save()

    info = ContactInfo.objects.get(contact=ada)
    assert info.preferred_channel == "discord"
    assert info.email == "ada@example.com"
    assert info.phone == "+49 30 1234567"
    assert info.social_links == [
        {"label": "Mastodon", "url": "https://hachyderm.io/@ada"},
        {"label": "", "url": "https://ada.dev"},
    ]


def test_contact_info_form_shows_stored_links_one_per_line(alice):
    ada = make_vip(alice)
    info = make_contact_info(
        ada,
        social_links=[
            {"label": "Mastodon", "url": "https://hachyderm.io/@ada"},
            {"label": "", "url": "https://ada.dev"},
        ],
    )

    form = ContactInfoForm(instance=info)

    assert form["links_text"].value() == "Mastodon | https://hachyderm.io/@ada\nhttps://ada.dev"


def test_contact_info_bad_link_error_sits_on_the_links_field(alice):
    form = contact_info_form(make_vip(alice), links_text="https://ok.example\njavascript:alert(1)")

    assert not form.is_valid()
    assert form.errors["links_text"][0].startswith("Line 2:")
    assert not ContactInfo.objects.exists()


@pytest.mark.parametrize("phone", ["+49 30 1234567", "(030) 123-4567", "030/1234567", ""])
def test_phone_numbers_of_digits_and_separators_are_accepted(alice, phone):
    form = contact_info_form(make_vip(alice), phone=f"  {phone} ")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == phone


@pytest.mark.parametrize("phone", ["call me maybe", "12", "+49 30 12345x", "<script>"])
def test_phone_numbers_with_letters_or_too_short_are_rejected(alice, phone):
    form = contact_info_form(make_vip(alice), phone=phone)

    assert not form.is_valid()
    assert "Enter a phone number" in form.errors["phone"][0]


def test_contact_info_email_must_be_an_address(alice):
    form = contact_info_form(make_vip(alice), email="ada at example")

    assert not form.is_valid()
    assert "email" in form.errors


def test_preferred_channel_must_be_one_of_the_choices(alice):
    form = contact_info_form(make_vip(alice), preferred_channel="carrier-pigeon")

    assert not form.is_valid()
    assert "preferred_channel" in form.errors


# --- Developer profile ----------------------------------------------------------------------------


def profile_form(contact, stack_names: str) -> DeveloperProfileForm:
    instance = DeveloperProfile.objects.filter(contact=contact).first() or DeveloperProfile(
        contact=contact
    )
    data = section_data("developer", stack_names=stack_names)
    return DeveloperProfileForm(data, instance=instance)


def stack_of(contact) -> list[str]:
    profile = DeveloperProfile.objects.get(contact=contact)
    return sorted(tag.name for tag in profile.tech_stack.all())


def test_tech_stack_reuses_the_owners_tags_whatever_the_case(alice):
    python = make_tag(alice, "Python")
    ada = make_vip(alice)

    form = profile_form(ada, "python, DJANGO, django")
    assert form.is_valid(), form.errors
    form.save()

    assert stack_of(ada) == ["DJANGO", "Python"]
    assert DeveloperProfile.objects.get(contact=ada).tech_stack.filter(pk=python.pk).exists()
    assert Tag.objects.for_owner(alice).count() == 2


def test_tech_stack_never_uses_another_users_tags(alice, charlie):
    charlies_rust = make_tag(charlie, "Rust")
    ada = make_vip(alice)

    form = profile_form(ada, "Rust")
    assert form.is_valid(), form.errors
    form.save()

    tag = DeveloperProfile.objects.get(contact=ada).tech_stack.get()
    assert tag.owner == alice
    assert tag != charlies_rust


def test_tech_stack_can_be_replaced_and_emptied(alice):
    ada = make_vip(alice)
    make_profile(ada, stack=["Python", "Rust"])

    form = profile_form(ada, "Rust, Zig")
    assert form.is_valid(), form.errors
    form.save()
    assert stack_of(ada) == ["Rust", "Zig"]

    form = profile_form(ada, "")
    assert form.is_valid(), form.errors
    form.save()
    assert stack_of(ada) == []


def test_profile_form_starts_with_the_current_stack(alice):
    profile = make_profile(make_vip(alice), stack=["Python", "Rust"])

    form = DeveloperProfileForm(instance=profile)

    assert form["stack_names"].value() == "Python, Rust"


# --- Projects -----------------------------------------------------------------------------------


def project_form(**overrides) -> ProjectForm:
    data = {
        "title": "Bernoulli numbers",
        "what_we_did": "Wrote a program",
        "started_on": "2024-01-01",
        "ended_on": "2024-06-30",
        "link": "https://example.com/bernoulli",
    }
    data.update(overrides)
    return ProjectForm(data)


def test_a_complete_project_is_valid():
    form = project_form()

    assert form.is_valid(), form.errors
    assert form.cleaned_data["ended_on"] == dt.date(2024, 6, 30)


def test_only_a_title_is_required():
    assert project_form(what_we_did="", started_on="", ended_on="", link="").is_valid()
    form = project_form(title="")
    assert not form.is_valid()
    assert "title" in form.errors


def test_project_cannot_end_before_it_starts():
    form = project_form(started_on="2024-06-01", ended_on="2024-05-31")

    assert not form.is_valid()
    assert form.errors["ended_on"] == ["The end cannot be before the start."]


def test_project_may_start_and_end_on_the_same_day():
    assert project_form(started_on="2024-06-01", ended_on="2024-06-01").is_valid()


@pytest.mark.parametrize("link", ["ftp://files.example.com/engine", "javascript:alert(1)"])
def test_project_link_must_be_http_or_https(link):
    form = project_form(link=link)

    assert not form.is_valid()
    assert "link" in form.errors


def test_project_link_without_a_scheme_becomes_https():
    form = project_form(link="example.com/bernoulli")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["link"] == "https://example.com/bernoulli"
