"""Your network by technology: the stack map."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from devhub.lib.http import AuthedRequest
from devhub.lib.views import render_page
from network import graph
from network.forms import StackMapFilterForm


@login_required
@require_GET
@vary_on_headers("HX-Request")  # page and fragment share a URL; caches must keep them apart
def stack_map(request: AuthedRequest) -> HttpResponse:
    filters = StackMapFilterForm(request.GET, owner=request.user)
    context = {
        "filters": filters,
        "map": graph.stack_map(request.user, **filters.choices()),
        "list_url": request.path,
    }
    return render_page(request, "network/stack_map.html", context, "results")
