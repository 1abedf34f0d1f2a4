"""manage.py ensure_admin: make sure an administrator account exists.

The password comes from DJANGO_SUPERUSER_PASSWORD or, when that is unset, is generated and
printed once, when the account is created; there is never a fixed default.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account if no superuser exists yet."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already.")
            return
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username=username, email="", password=password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the admin account '{username}' with the password {password}\n"
                    "It is shown this once: keep it, or set DJANGO_SUPERUSER_PASSWORD next time."
                )
            )
        else:
            self.stdout.write(
                f"Created the admin account '{username}' (password from environment)."
            )
