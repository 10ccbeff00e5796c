from django import template

from contacts.models import Contact
from reminders.forms import FollowUpRhythmForm

register = template.Library()


@register.inclusion_tag("reminders/contact_section.html", takes_context=True)
def contact_stay_in_touch(context, contact: Contact) -> dict:
    """The contact page's follow-up rhythm, snooze and open reminders."""
    return {
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "contact": contact,
        "rhythm_form": FollowUpRhythmForm(instance=contact),
        "reminders": contact.reminders.open().order_by("effective_due"),
    }
