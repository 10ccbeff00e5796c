from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's own user model, so per-user preferences can be added without a swap later."""

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
