"""Reading the VIP sections of a contact, and the /vip/ cards."""

from contacts import status
from contacts.models import Contact
from devhub.lib.fields import fold
from vip.forms import SECTIONS


def instance(contact: Contact, key: str):
    """The stored section, or a new unsaved one (a VIP's empty section is still editable)."""
    model = SECTIONS[key][0]
    return model.objects.filter(contact=contact).first() or model(contact=contact)


def section_context(contact: Contact, key: str) -> dict:
    return {
        "contact": contact,
        "key": key,
        "heading": SECTIONS[key][2],
        "section": instance(contact, key),
    }


def all_sections(contact: Contact) -> list[dict]:
    return [section_context(contact, key) for key in SECTIONS]


def vip_cards(owner, tag_names: list[str]) -> list[dict]:
    """VIPs with what the cards show, most overdue first (pinned contacts last)."""
    vips = (
        Contact.objects.for_owner(owner)
        .active()
        .filter(is_vip=True)
        .select_related("vip_contact_info", "vip_developer_profile")
        .prefetch_related("tags", "vip_developer_profile__tech_stack")
    )
    for name in tag_names:
        vips = vips.filter(tags__name_key=fold(name))
    today = status.local_today(owner)
    return [
        {
            "contact": contact,
            "next_check_in": contact.check_in_on,
            "days_overdue": (today - contact.check_in_on).days if contact.check_in_on else None,
            "info": getattr(contact, "vip_contact_info", None),
            "profile": getattr(contact, "vip_developer_profile", None),
        }
        for contact in vips.distinct().most_overdue_first()
    ]
