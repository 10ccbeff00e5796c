from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from accounts import signup as signup_rules
from accounts import throttles
from accounts.forms import DeleteAccountForm, SignupForm, StyledPasswordResetForm


@login_not_required
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    if not signup_rules.is_open():
        return render(request, "accounts/signup_closed.html", status=403)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if wait := throttles.signup_wait(request):
            return throttles.refused(request, wait, "signup")
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to DevHub CRM, {user.username}!")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and every contact, interaction and reminder in it, after the password."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        username = request.user.username
        request.user.delete()
        logout(request)
        messages.success(request, f"The account {username} and all its data are deleted.")
        return redirect("accounts:login")
    return render(request, "accounts/delete.html", {"form": form})


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
