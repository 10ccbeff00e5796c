import datetime as dt
import uuid

import pytest
from django.http import Http404

from contacts.models import Tag
from tests.vip.conftest import make_full_vip, make_project, make_vip
from vip.models import (
    Background,
    ContactInfo,
    DeveloperProfile,
    ProjectCollaboration,
    get_project_for_user,
)

pytestmark = pytest.mark.django_db


def test_sections_name_their_contact(alice):
    ada = make_full_vip(alice, name="Ada Lovelace")

    assert str(ada.vip_background) == "background of Ada Lovelace"
    assert str(ada.vip_contact_info) == "contact info of Ada Lovelace"
    assert str(ada.vip_developer_profile) == "developer profile of Ada Lovelace"
    assert str(ada.vip_projects.get()) == "Bernoulli numbers"


def test_new_contact_info_has_no_social_links(alice):
    info = ContactInfo.objects.create(contact=make_vip(alice))

    info.refresh_from_db()
    assert info.social_links == []


def test_projects_list_the_most_recent_first_and_undated_last(alice):
    ada = make_vip(alice)
    make_project(ada, title="Old", started_on=dt.date(2019, 5, 1))
    make_project(ada, title="Undated")
    make_project(ada, title="Recent", started_on=dt.date(2025, 2, 1))

    titles = list(ada.vip_projects.values_list("title", flat=True))

    assert titles[:2] == ["Recent", "Old"]
    assert titles[2] == "Undated"


def test_each_project_gets_its_own_public_code(alice):
    ada = make_vip(alice)

    first, second = make_project(ada), make_project(ada)

    assert isinstance(first.code, uuid.UUID)
    assert first.code != second.code


def test_a_project_is_found_only_for_its_contacts_owner(alice, charlie):
    project = make_project(make_vip(alice))

    assert get_project_for_user(alice, project.code) == project
    with pytest.raises(Http404):
        get_project_for_user(charlie, project.code)


def test_an_unmarked_vips_project_is_not_found_but_kept(alice):
    ada = make_vip(alice)
    project = make_project(ada)
    ada.is_vip = False
    ada.save()

    with pytest.raises(Http404):
        get_project_for_user(alice, project.code)
    assert ProjectCollaboration.objects.filter(pk=project.pk).exists()


def test_unmarking_vip_keeps_every_vip_record(alice):
    ada = make_full_vip(alice)

    ada.is_vip = False
    ada.save()

    assert Background.objects.filter(contact=ada).exists()
    assert ContactInfo.objects.filter(contact=ada).exists()
    profile = DeveloperProfile.objects.get(contact=ada)
    assert sorted(tag.name for tag in profile.tech_stack.all()) == ["Python", "Rust"]
    assert ProjectCollaboration.objects.filter(contact=ada).count() == 1


def test_deleting_the_contact_deletes_its_vip_records_but_not_the_tags(alice):
    ada = make_full_vip(alice)

    ada.delete()

    assert not Background.objects.exists()
    assert not ContactInfo.objects.exists()
    assert not DeveloperProfile.objects.exists()
    assert not ProjectCollaboration.objects.exists()
    assert set(Tag.objects.for_owner(alice).values_list("name", flat=True)) == {"Python", "Rust"}
