"""Settings for the processes these tests start: production's, with plain static files storage.

Production's manifest storage needs `collectstatic` (make run does it); a fresh clone under test
has no manifest, and every page would then fail to render its stylesheet link.
"""

from devhub.settings import *  # noqa: F403
from devhub.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
