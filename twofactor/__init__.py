"""Two-factor log-in: an authenticator app (TOTP), passkeys (WebAuthn) and recovery codes.

Built on django-otp (its TOTP device and code checking) and py_webauthn (passkey ceremonies)
rather than django-allauth's mfa: allauth.mfa only works inside allauth's own account flows, so
adopting it would replace this project's log-in (the per-username limit and django-axes
lock-outs), sign-up by invitation and password reset. These two libraries only check factors;
the log-in steps stay ours, so the password step, its limits and lock-outs are untouched.
"""
