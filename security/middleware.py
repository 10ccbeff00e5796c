from security import services


class LastSeenMiddleware:
    """Keeps each logged-in session's "last seen" on the Security page: one UPDATE at most
    every few minutes per session, decided by a timestamp in the session (no query otherwise)."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            services.seen(request)
        return self.get_response(request)
