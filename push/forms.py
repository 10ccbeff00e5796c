import base64
import ipaddress
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from django import forms


def b64url_decode(value: str) -> bytes | None:
    try:
        return base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
    except ValueError:
        return None


class SubscriptionForm(forms.Form):
    """What the browser's `PushSubscription.toJSON()` gives, as posted by static/js/push.js."""

    endpoint = forms.URLField(max_length=1000, assume_scheme="https")
    p256dh = forms.CharField(max_length=100)
    auth = forms.CharField(max_length=50)

    def clean_endpoint(self) -> str:
        """The server posts to this address, so only a push service's: HTTPS to a named host,
        never an address on this machine or its network."""
        endpoint = self.cleaned_data["endpoint"]
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").rstrip(".")
        if parts.scheme != "https" or parts.username or parts.password:
            raise forms.ValidationError("A push address must start with https://.")
        try:
            ipaddress.ip_address(host)
        except ValueError:
            pass
        else:
            raise forms.ValidationError("A push address must name a push service, not an IP.")
        if "." not in host or host.endswith((".localhost", ".local", ".internal")):
            raise forms.ValidationError("A push address must name a public push service.")
        return endpoint

    def clean_p256dh(self) -> str:
        value = self.cleaned_data["p256dh"].strip()
        raw = b64url_decode(value) or b""
        try:
            if len(raw) != 65:  # an uncompressed point, as browsers send it
                raise ValueError
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        except ValueError:
            raise forms.ValidationError("The browser's public key is not a P-256 key.") from None
        return value

    def clean_auth(self) -> str:
        value = self.cleaned_data["auth"].strip()
        if len(b64url_decode(value) or b"") != 16:
            raise forms.ValidationError("The browser's auth secret must be 16 bytes, base64url.")
        return value
