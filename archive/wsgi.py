"""WSGI entry point (gunicorn archive.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
# Web requests get the short database timeouts (settings.DATABASE_SESSION_SETTINGS).
os.environ.setdefault("ARCHIVE_DATABASE_ROLE", "web")
application = get_wsgi_application()
