"""ASGI entry point for DevHub CRM."""

import os

from django.core.asgi import get_asgi_application

from devhub.lib.process import start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhub.settings")

application = get_asgi_application()
start()
