"""WSGI entry point for DevHub CRM."""

import os

from django.core.wsgi import get_wsgi_application

from devhub.lib.process import start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "devhub.settings")

application = get_wsgi_application()
start()
