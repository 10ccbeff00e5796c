"""The admin site, whose bulk actions reach the security log.

A single add, change or delete in the admin writes a LogEntry, which security.signals logs. An
action on selected rows ("Delete selected", "Mark selected contacts as VIP") writes its LogEntry
rows in bulk or none at all, so no signal announces it: the site logs it itself, once the action
has run (the admin answers a finished action with a redirect; a confirmation page is not one)."""

from functools import wraps

from django.contrib import admin
from django.contrib.admin import helpers

from security import services
from security.models import Event


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        wrapped = super().admin_view(view, cacheable)

        @wraps(wrapped)
        def logged(request, *args, **kwargs):
            response = wrapped(request, *args, **kwargs)
            action = request.POST.get("action", "") if request.method == "POST" else ""
            if action and response.status_code == 302 and request.user.is_authenticated:
                model = getattr(getattr(view, "__self__", None), "model", None)
                services.record(
                    request.user,
                    Event.Kind.ADMIN_ACTION,
                    request,
                    action=action[:100],
                    model=str(model._meta.verbose_name_plural) if model else "",
                    objects=_selected(request),
                )
            return response

        return logged


def _selected(request) -> int | str:
    """How many rows the action was for ("all" when every row of the filter was chosen)."""
    if request.POST.get("select_across") == "1":
        return "all"
    return len(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
