from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from contacts import services as contact_services
from contacts.models import Contact, Tag, get_contact_for_user
from devhub.lib.http import AuthedRequest, is_htmx_fragment, safe_next
from devhub.lib.views import confirm_delete, redirect_after_post, render_page
from interactions.forms import type_options
from vip import sections
from vip.forms import SECTIONS, ProjectForm
from vip.models import get_project_for_user


def _vip_contact(user, code) -> Contact:
    """VIP sections exist only for VIPs: for anyone else their URLs are 404 (data is kept)."""
    contact = get_contact_for_user(user, code)
    if not contact.is_vip:
        raise Http404("Not a VIP.")
    return contact


def _section_url(contact: Contact, key: str) -> str:
    return reverse("contacts:detail", args=[contact.code]) + f"#vip-{key}"


@login_required
@require_GET
def vip_list(request: AuthedRequest) -> HttpResponse:
    """All VIPs as cards, most overdue first, filterable by tag."""
    tag_names = request.GET.getlist("tag")
    vips = sections.vip_cards(request.user, tag_names)
    context = {
        "cards": vips,
        "tags": Tag.objects.for_owner(request.user).filter(contacts__is_vip=True).distinct(),
        "selected_tags": tag_names,
        "log_types": type_options(request.user),
    }
    return render_page(request, "vip/list.html", context, "cards")


@login_required
@require_POST
def toggle_vip(request: AuthedRequest, code) -> HttpResponse:
    """Mark or unmark VIP (`vip=1`/`vip=0`). Un-marking hides the VIP sections but keeps them."""
    contact = get_contact_for_user(request.user, code)
    contact_services.set_vip(contact, request.POST.get("vip", "1") == "1")
    verb = "Marked" if contact.is_vip else "Unmarked"
    if is_htmx_fragment(request):
        list_url = request.htmx.current_url_abs_path or reverse("contacts:list")
        context = {"contact": contact, "list_url": list_url}
        return render(request, "contacts/list.html#contact-row", context)
    messages.success(request, f"{verb} {contact.name} as VIP.")
    return redirect(safe_next(request) or reverse("contacts:detail", args=[contact.code]))


@login_required
@require_GET
def section_view(request: AuthedRequest, code, key: str) -> HttpResponse:
    """The read-only section (HTMX puts it back when an edit is cancelled)."""
    contact = _vip_contact(request.user, code)
    if key not in SECTIONS:
        raise Http404("No such section.")
    if not is_htmx_fragment(request):
        return redirect(_section_url(contact, key))
    context = sections.section_context(contact, key)
    return render(request, "vip/sections.html#section", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: AuthedRequest, code, key: str) -> HttpResponse:
    contact = _vip_contact(request.user, code)
    if key not in SECTIONS:
        raise Http404("No such section.")
    _, form_class, heading = SECTIONS[key]
    form = form_class(request.POST or None, instance=sections.instance(contact, key))
    if request.method == "POST" and form.is_valid():
        form.save()
        if is_htmx_fragment(request):
            context = sections.section_context(contact, key)
            return render(request, "vip/sections.html#section", context)
        messages.success(request, f"Saved {heading.lower()} of {contact.name}.")
        return redirect(_section_url(contact, key))
    context = {"contact": contact, "key": key, "heading": heading, "form": form}
    return render_page(request, "vip/section_edit.html", context, "section-form")


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthedRequest, code) -> HttpResponse:
    contact = _vip_contact(request.user, code)
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        project = form.save(commit=False)
        project.contact = contact
        project.save()
        messages.success(request, f"Added the project “{project.title}”.")
        return redirect_after_post(request, _section_url(contact, "projects"))
    context = {"contact": contact, "form": form, "project": None}
    return render_page(request, "vip/project_form.html", context, "project-form")


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved the project “{project.title}”.")
        return redirect_after_post(request, _section_url(project.contact, "projects"))
    if form.is_bound:
        project.refresh_from_db()  # the heading names the stored project, not the rejected input
    context = {"contact": project.contact, "form": form, "project": project}
    return render_page(request, "vip/project_form.html", context, "project-form")


@login_required
@require_http_methods(["GET", "POST"])
def project_delete(request: AuthedRequest, code) -> HttpResponse:
    project = get_project_for_user(request.user, code)
    if request.method == "POST":
        project.delete()
        messages.success(request, f"Deleted the project “{project.title}”.")
        return redirect_after_post(request, _section_url(project.contact, "projects"))
    return confirm_delete(
        request,
        title=f"Delete the project “{project.title}”?",
        consequence=f"It is removed from {project.contact.name}'s projects.",
        cancel_url=_section_url(project.contact, "projects"),
    )
