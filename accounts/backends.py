from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from accounts import login_limit
from devhub.lib.client_ip import client_ip


class LoginLimitBackend(ModelBackend):
    """Django's username and password check, behind the per-username limit.

    Every log-in form (the app's and the admin's) reaches it through authenticate(). A paused
    address is refused before its password is looked at: the request is marked for
    LoginPausedMiddleware, which answers with the page saying so. Otherwise the outcome is
    recorded: a failure counts towards the limit, a success makes the address a known one.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if request is None or username is None or password is None:
            return super().authenticate(request, username, password, **kwargs)
        ip = client_ip(request)
        if wait := login_limit.wait_for(username, ip):
            request.login_paused = wait
            raise PermissionDenied
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            login_limit.record_failure(username, ip)
        else:
            login_limit.remember_address(user, ip)
        return user
