from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from devhub.lib.http import AuthedRequest
from devhub.lib.views import render_page
from jobs import services
from jobs.models import Job, get_job_for_user

JOBS_PER_PAGE = 25


@login_required
@require_GET
@vary_on_headers("HX-Request")
def job_list(request: AuthedRequest) -> HttpResponse:
    jobs = Job.objects.for_owner(request.user).exclude(status=Job.Status.PREPARING)
    page = Paginator(jobs, JOBS_PER_PAGE).get_page(request.GET.get("page"))
    return render_page(request, "jobs/list.html", {"page": page, "query": ""}, "results")


@login_required
@require_GET
def job_detail(request: AuthedRequest, code) -> HttpResponse:
    """The progress while the change runs (the page drives it), its outcome afterwards."""
    job = get_job_for_user(request.user, code)
    return render(request, "jobs/detail.html", {"job": job})


@login_required
@require_POST
def job_step(request: AuthedRequest, code) -> HttpResponse:
    """Do the next part of the change; the progress page posts here again until it is done."""
    job = get_job_for_user(request.user, code)
    busy = job.is_working and not services.step(job)
    detail_url = reverse("jobs:detail", args=[job.code])
    if job.is_working:
        if not request.htmx:
            return redirect(detail_url)
        return render(request, "jobs/detail.html#progress", {"job": job, "busy": busy})
    return finished(request, job)


def finished(request: AuthedRequest, job: Job) -> HttpResponse:
    """Where a finished change sends the user: on success its next page with the outcome as a
    message; after a failure the change's own page, which says what went wrong."""
    if job.status == Job.Status.DONE and job.next_url:
        messages.success(request, job.message)
        url = job.next_url
    else:
        url = reverse("jobs:detail", args=[job.code])
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


def start_and_show(request: AuthedRequest, job: Job) -> HttpResponse:
    """After starting a change: do its first part in this request; a small change is then done
    and the user goes straight on, a big one continues on its progress page."""
    services.step(job)
    if job.is_working:
        url = reverse("jobs:detail", args=[job.code])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return finished(request, job)
