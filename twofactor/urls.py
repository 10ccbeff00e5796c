from django.urls import path

from twofactor import views

app_name = "twofactor"

urlpatterns = [
    path("", views.index, name="index"),
    path("app/", views.totp_setup, name="totp_setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("disable/", views.disable, name="disable"),
    path("confirm/", views.reauth, name="reauth"),
    path("verify/", views.verify, name="verify"),
    path(
        "passkeys/register/options/",
        views.passkey_register_options,
        name="passkey_register_options",
    ),
    path("passkeys/register/", views.passkey_register, name="passkey_register"),
    path("passkeys/auth/options/", views.passkey_auth_options, name="passkey_auth_options"),
    path("passkeys/auth/", views.passkey_auth, name="passkey_auth"),
    path("passkeys/<uuid:code>/remove/", views.passkey_remove, name="passkey_remove"),
]
