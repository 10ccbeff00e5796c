from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from contacts.models import get_contact_for_user
from devhub.lib.http import AuthedRequest
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from resources.forms import ResourceFilterForm, SharedResourceForm
from resources.models import SharedResource, get_resource_for_user
from search import index as search_index

RESOURCES_PER_PAGE = 25


def _resources_anchor(contact) -> str:
    return reverse("contacts:detail", args=[contact.code]) + "#resources"


@login_required
@require_GET
@vary_on_headers("HX-Request")
def resource_list(request: AuthedRequest) -> HttpResponse:
    """Everything shared, searchable; with ?url= it answers "who have I shared this with?"."""
    filters = ResourceFilterForm(request.GET)
    resources = filters.apply(
        SharedResource.objects.for_owner(request.user)
        .select_related("contact")
        .prefetch_related("tags")
    )
    page = Paginator(resources, RESOURCES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    lookup_url = filters.value("url")
    context = {
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "lookup_url": lookup_url,
        # People, not rows: a link shared twice with one contact is one contact.
        "lookup_contacts": (
            resources.order_by().values("contact").distinct().count() if lookup_url else 0
        ),
    }
    return render_page(request, "resources/list.html", context, "results")


def _resource_form_page(request: AuthedRequest, form, contact, resource=None) -> HttpResponse:
    context = {"form": form, "contact": contact, "resource": resource}
    return render_page(request, "resources/form.html", context, "resource-form")


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request: AuthedRequest, code) -> HttpResponse:
    contact = get_contact_for_user(request.user, code)
    form = SharedResourceForm(request.POST or None, contact=contact)
    if request.method == "POST" and form.is_valid():
        resource = form.save()
        messages.success(request, f"Saved “{resource.title}” for {contact.name}.")
        return redirect_after_post(request, _resources_anchor(contact))
    return _resource_form_page(request, form, contact)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request: AuthedRequest, code) -> HttpResponse:
    resource = get_resource_for_user(request.user, code)
    form = SharedResourceForm(request.POST or None, instance=resource, contact=resource.contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved “{resource.title}”.")
        return redirect_after_post(request, _resources_anchor(resource.contact))
    return _resource_form_page(request, form, resource.contact, resource)


@login_required
@require_http_methods(["GET", "POST"])
def resource_delete(request: AuthedRequest, code) -> HttpResponse:
    resource = get_resource_for_user(request.user, code)
    if request.method == "POST":
        with transaction.atomic():
            search_index.remove_resource(request.user.pk, resource.pk)
            resource.delete()
        messages.success(request, f"Deleted “{resource.title}”.")
        return redirect_after_post(request, _resources_anchor(resource.contact))
    return confirm_delete(
        request,
        title=f"Delete “{resource.title}”?",
        consequence=f"It is removed from {resource.contact.name}'s shared resources.",
        cancel_url=_resources_anchor(resource.contact),
    )
