from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import login_limit, services, throttles
from accounts import signup as signup_rules
from accounts.forms import (
    DeleteAccountForm,
    InviteForm,
    LoginForm,
    SignupForm,
    StyledPasswordChangeForm,
    StyledPasswordResetForm,
    StyledSetPasswordForm,
)
from accounts.models import INVITE_LIFETIME, Invite, find_invite_by_token, get_invite_for_user
from devhub.lib.client_ip import client_ip
from devhub.lib.http import AuthedRequest, is_htmx_fragment
from security import services as security
from security.models import Event
from twofactor import flow as twofactor_flow
from twofactor import services as twofactor_services


class LoginView(auth_views.LoginView):
    """Django's log-in page; for a user with two-factor log-in on, a right password leads to the
    second step (twofactor.flow) instead of logging in."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if twofactor_services.has_second_factor(user):
            return twofactor_flow.start(self.request, user, self.get_redirect_url())
        response = super().form_valid(form)
        twofactor_flow.mark_fresh(self.request)
        return response


SETTINGS_INVITES = "reminders:preferences"  # the settings page, where the invitations are listed
INVITES_SHOWN = 50


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if not signup_rules.is_open():
        return _signup_refused(request)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _sign_up(request, form)
    return render(request, "accounts/signup.html", {"form": form})


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def signup_invited(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation link opens: the sign-up form, for one account."""
    if request.user.is_authenticated:
        return redirect("home")
    try:
        invite = find_invite_by_token(token)
    except Invite.DoesNotExist as exc:
        raise Http404("No such invitation.") from exc
    if settings.SIGNUP == "closed" and not signup_rules.is_open():
        return _signup_refused(request)
    if reason := invite.unusable_reason():
        return _invite_gone(request, invite, reason)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _sign_up(request, form, invite)
    return render(request, "accounts/signup.html", {"form": form, "invite": invite})


def _sign_up(request: HttpRequest, form: SignupForm, invite: Invite | None = None) -> HttpResponse:
    if wait := throttles.signup_wait(request):
        return throttles.refused(request, wait, "signup")
    try:
        user = services.sign_up(form, invite)
    except services.InviteUnavailable:
        invite.refresh_from_db()
        return _invite_gone(request, invite, invite.unusable_reason() or "expired")
    login(request, user, backend="accounts.backends.LoginLimitBackend")
    login_limit.remember_address(user, client_ip(request))
    messages.success(request, f"Welcome to DevHub CRM, {user.public_name}!")
    return redirect("home")


def _signup_refused(request: HttpRequest) -> HttpResponse:
    context = {"by_invitation": settings.SIGNUP == "invite"}
    return render(request, "accounts/signup_closed.html", context, status=403)


def _invite_gone(request: HttpRequest, invite: Invite, reason: str) -> HttpResponse:
    context = {"reason": reason, "owner": invite.owner}
    return render(request, "accounts/invite_gone.html", context, status=410)


# --- Invitations, on the settings page ------------------------------------------------------


def invites_section(request: AuthedRequest, form: InviteForm | None = None) -> dict:
    """What the settings page's invitations section shows (also its HTMX answers)."""
    invites = Invite.objects.for_owner(request.user)[:INVITES_SHOWN]
    rows = [(invite, _invite_url(request, invite)) for invite in invites]
    return {
        "invites": rows,
        "invite_form": form or InviteForm(),
        "lifetime_days": INVITE_LIFETIME.days,
        "signup_by_invitation": settings.SIGNUP == "invite",
        "shown": settings.SIGNUP == "invite" or bool(rows),
    }


def _invite_url(request: HttpRequest, invite: Invite) -> str:
    return request.build_absolute_uri(reverse("accounts:signup_invited", args=[invite.token]))


def _after_invite_change(
    request: AuthedRequest, level: int, text: str, form: InviteForm | None = None
) -> HttpResponse:
    """The section again for HTMX (it shows the change itself), else back to the settings page
    with a message."""
    if is_htmx_fragment(request):
        return render(request, "accounts/_invites.html", invites_section(request, form))
    messages.add_message(request, level, text)
    return redirect(reverse(SETTINGS_INVITES) + "#invites")


@login_required
@require_POST
def invite_create(request: AuthedRequest) -> HttpResponse:
    form = InviteForm(request.POST)
    if not form.is_valid():
        error = f"No invitation created: {next(iter(form.errors.values()))[0]}"
        return _after_invite_change(request, messages.ERROR, error, form)
    invite = services.create_invite(request.user, form.cleaned_data["note"])
    until = timezone.localtime(invite.expires_at)
    text = f"Created an invitation link; it creates one account until {until:%-d %b %Y, %H:%M}."
    return _after_invite_change(request, messages.SUCCESS, text)


@login_required
@require_POST
def invite_revoke(request: AuthedRequest, code) -> HttpResponse:
    invite = get_invite_for_user(request.user, code)
    if services.revoke_invite(invite):
        return _after_invite_change(
            request, messages.SUCCESS, "Revoked the invitation; its link no longer works."
        )
    return _after_invite_change(
        request, messages.ERROR, "That invitation was already used or revoked."
    )


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and every contact, interaction and reminder in it, after the password."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        username = request.user.username
        security.record(request.user, Event.Kind.ACCOUNT_DELETED, request)
        services.delete_account(request.user)
        login_limit.forget(username)
        logout(request)
        messages.success(request, f"The account {username} and all its data are deleted.")
        return redirect("accounts:login")
    return render(request, "accounts/delete.html", {"form": form})


_logout = auth_views.LogoutView.as_view()


def logout_view(request: HttpRequest) -> HttpResponse:
    """Django's log-out, whose answer also tells the browser to empty its HTTP cache of this
    site (pages the next person on this browser must not get back). The service worker's own
    caches hold only pages that are the same for everyone; pwa.js has the worker empty them too
    on the first signed-out page."""
    response = _logout(request)
    if request.method == "POST":
        response["Clear-Site-Data"] = '"cache"'
    return response


_password_reset = auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset.html",
    email_template_name="accounts/email/password_reset.txt",
    subject_template_name="accounts/email/password_reset_subject.txt",
    form_class=StyledPasswordResetForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
)


@login_not_required
@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Django's reset by e-mail, behind a limit per client address and per e-mail address."""
    if request.method == "POST" and (form := StyledPasswordResetForm(request.POST)).is_valid():
        wait, refusal = throttles.password_reset_wait(request, form.cleaned_data["email"])
        if wait:
            return throttles.refused(request, wait, refusal)
    return _password_reset(request)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's new-password step. The e-mailed link proves the owner is here, so this address
    becomes one the per-username limit never pauses: the way in while a guesser is at work."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = StyledSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: StyledSetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        login_limit.remember_address(form.user, client_ip(self.request))
        security.password_reset(self.request, form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change; the other browsers logged in to the account are logged out
    (Django has invalidated their sessions) and the change is logged."""

    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: StyledPasswordChangeForm) -> HttpResponse:
        old_key = self.request.session.session_key
        response = super().form_valid(form)
        security.password_changed(self.request, form.user, old_key)
        return response
