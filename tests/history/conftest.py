from contacts.models import Contact


def versions(contact: Contact) -> list:
    """The contact's history rows, newest first."""
    return list(contact.history.order_by("-history_date", "-history_id"))


def sources_of(contact: Contact) -> list[str]:
    return [v.history_source for v in versions(contact)]
