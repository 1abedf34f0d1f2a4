"""manage.py create_editor USERNAME [--password-from-env VAR]: an account in the Editors group.

The account is staff (it can log into the admin) but not a superuser: what it may do comes from
the Editors group only. The password is read from the named environment variable or, without
one, generated and printed this once; there is never a fixed default.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

EDITORS = "Editors"


class Command(BaseCommand):
    help = "Create an editor account (staff, in the Editors group, not a superuser)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="read the password from this environment variable instead of generating one",
        )
        parser.add_argument("--email", default="")

    def handle(self, *args, username, password_from_env=None, email="", **options):
        User = get_user_model()
        group = Group.objects.filter(name=EDITORS).first()
        if group is None:
            raise CommandError("the Editors group does not exist: run `manage.py migrate` first")
        if User.objects.filter(username=username).exists():
            raise CommandError(f"a user named {username!r} exists already")
        if password_from_env:
            password = os.environ.get(password_from_env, "")
            if not password:
                raise CommandError(f"the environment variable {password_from_env} is not set")
        else:
            password = secrets.token_urlsafe(18)
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("the password is too weak: " + " ".join(exc.messages)) from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        if password_from_env:
            self.stdout.write(
                f"Created the editor '{username}' (password from {password_from_env})."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created the editor '{username}' with the password {password}\n"
                    "It is shown this once: give it to the editor, who can change it in the admin."
                )
            )
