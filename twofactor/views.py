import base64

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from devhub.lib.http import AuthedRequest, safe_next, safe_url
from quickconnect import qr
from twofactor import flow, services
from twofactor.forms import ConfirmAppForm, PasskeyForm, ReauthForm, VerifyForm
from twofactor.models import Passkey

PASSKEY_FAILED = "That did not work; nothing was changed."


@login_required
@never_cache
@require_GET
def index(request: AuthedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "twofactor/index.html",
        {
            "totp": services.totp_device(user),
            "passkeys": Passkey.objects.for_owner(user),
            "codes_left": services.recovery_codes_left(user),
            "enabled": services.has_second_factor(user),
            "passkey_form": PasskeyForm(),
            "require_two_factor": settings.REQUIRE_TWO_FACTOR,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def totp_setup(request: AuthedRequest) -> HttpResponse:
    if services.totp_device(request.user):
        messages.info(request, "An authenticator app is already set up; turn it off to change it.")
        return redirect("twofactor:index")
    device = services.start_totp(request.user)
    form = ConfirmAppForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_totp(request.user, device, form.cleaned_data["code"], request)
        if codes is not None:
            flow.mark_fresh(request)
            messages.success(request, "Two-factor log-in is on: your app's code is now needed.")
            return _show_codes(request, codes)
        form.add_error("code", "That code is not right; check the time on your phone and retry.")
    svg = base64.b64encode(qr.svg(device.config_url)).decode()
    return render(
        request,
        "twofactor/totp_setup.html",
        {
            "form": form,
            "qr_src": f"data:image/svg+xml;base64,{svg}",
            "secret": services.secret_base32(device),
        },
        status=400 if form.errors else 200,
    )


@login_required
@never_cache
@require_POST
def recovery_codes(request: AuthedRequest) -> HttpResponse:
    if not flow.is_fresh(request):
        return flow.reauth_redirect(request, reverse("twofactor:index"))
    if not services.has_second_factor(request.user):
        messages.error(request, "Turn on two-factor log-in first.")
        return redirect("twofactor:index")
    return _show_codes(request, services.make_recovery_codes(request.user, request))


def _show_codes(request: HttpRequest, codes: list[str]) -> HttpResponse:
    return render(
        request, "twofactor/recovery_codes.html", {"codes": codes, "text": "\n".join(codes) + "\n"}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def disable(request: AuthedRequest) -> HttpResponse:
    if not flow.is_fresh(request):
        return flow.reauth_redirect(request)
    if request.method == "POST":
        services.disable(request.user, request)
        messages.success(request, "Two-factor log-in is off: your password alone logs you in.")
        return redirect("twofactor:index")
    return render(request, "twofactor/disable.html")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def reauth(request: AuthedRequest) -> HttpResponse:
    """ "Confirm it's you": the password (or an app code) again before a risky change."""
    form = ReauthForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        flow.mark_fresh(request)
        return redirect(safe_next(request) or "twofactor:index")
    return render(
        request,
        "twofactor/reauth.html",
        {"form": form, "next": safe_next(request)},
        status=400 if form.errors else 200,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The second log-in step: a code from the app, a recovery code or a passkey."""
    user = flow.pending_user(request)
    if user is None:
        messages.error(request, "Your log-in timed out; please enter your password again.")
        return _back_to_login(request)
    next_url = flow.pending_next(request) or reverse("home")
    form = VerifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if code.isdigit() and services.verify_totp(user, code):
            flow.finish(request, user, "totp")
            return redirect(next_url)
        if not code.isdigit() and services.use_recovery_code(user, code, request):
            flow.finish(request, user, "recovery_code")
            left = services.recovery_codes_left(user)
            messages.warning(request, f"Recovery code used: {left} left.")
            return redirect(next_url)
        if flow.wrong_code(request, user):
            messages.error(request, "Too many wrong codes; please log in again.")
            return _back_to_login(request)
        form.add_error("code", "That code is not right (or that recovery code was used before).")
    return render(
        request,
        "twofactor/verify.html",
        {
            "form": form,
            "has_app": services.totp_device(user) is not None,
            "has_passkey": Passkey.objects.for_owner(user).exists(),
            "next": flow.pending_next(request),
        },
        status=400 if form.errors else 200,
    )


def _back_to_login(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request)
    url = reverse("accounts:login")
    return redirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


# --- passkeys (JSON, for static/js/passkeys.js) ---


@login_required
@never_cache
@require_POST
def passkey_register_options(request: AuthedRequest) -> HttpResponse:
    options, challenge = services.registration_options(request.user, request)
    flow.keep_challenge(request, "register", challenge)
    return HttpResponse(options, content_type="application/json")


@login_required
@never_cache
@require_POST
def passkey_register(request: AuthedRequest) -> JsonResponse:
    try:
        data = services.parse_json_body(request)
        form = PasskeyForm({"name": data.get("name", "")})
        if not form.is_valid():
            return JsonResponse({"error": form.errors["name"][0]}, status=400)
        challenge = flow.take_challenge(request, "register")
        if challenge is None or not isinstance(data.get("credential"), dict):
            raise services.PasskeyError("That took too long; please try again.")
        services.add_passkey(
            request.user, form.cleaned_data["name"], data["credential"], challenge, request
        )
    except services.PasskeyError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    messages.success(request, "Passkey added.")
    return JsonResponse({"redirect": reverse("twofactor:index")})


@login_not_required
@never_cache
@require_POST
def passkey_auth_options(request: HttpRequest) -> HttpResponse:
    """Options for a passkey: the half-logged-in user's, or any (password-less log-in)."""
    user = flow.pending_user(request)
    options, challenge = services.authentication_options(request, user)
    flow.keep_challenge(request, "second" if user else "login", challenge)
    return HttpResponse(options, content_type="application/json")


@login_not_required
@never_cache
@require_POST
def passkey_auth(request: HttpRequest) -> JsonResponse:
    user = flow.pending_user(request)
    try:
        data = services.parse_json_body(request)
        challenge = flow.take_challenge(request, "second" if user else "login")
        if challenge is None or not isinstance(data.get("credential"), dict):
            raise services.PasskeyError("That took too long; please try again.")
        passkey = services.check_passkey(data["credential"], challenge, request, user)
    except services.PasskeyError as exc:
        return JsonResponse({"error": str(exc)}, status=400)
    if not passkey.owner.is_active:
        return JsonResponse({"error": "This account cannot log in."}, status=400)
    next_url = flow.pending_next(request) if user else safe_url(request, data.get("next"))
    flow.finish(request, passkey.owner, "passkey")
    return JsonResponse({"redirect": next_url or reverse("home")})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def passkey_remove(request: AuthedRequest, code) -> HttpResponse:
    passkey = services.get_passkey_for_user(request.user, code)
    last = Passkey.objects.for_owner(request.user).count() == 1 and not services.totp_device(
        request.user
    )
    if last and not flow.is_fresh(request):
        return flow.reauth_redirect(request)
    if request.method == "POST":
        services.remove_passkey(passkey, request)
        messages.success(request, f"Passkey “{passkey.name}” removed.")
        return redirect("twofactor:index")
    return render(request, "twofactor/passkey_remove.html", {"passkey": passkey, "last": last})
