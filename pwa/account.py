from django.utils.crypto import salted_hmac


def account_marker(user) -> str:
    """An opaque name for the signed-in account, kept by the browser with each entry captured
    offline, so an entry is only ever sent (and shown) while that same account is signed in.
    Not the user's id: it means nothing outside this site."""
    # With the join time: a deleted account's id given to a new one never matches it.
    joined = f"{user.pk}:{user.date_joined.isoformat()}"
    return salted_hmac("pwa.account", joined, algorithm="sha256").hexdigest()[:32]
