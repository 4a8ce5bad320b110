import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) the local 'admin' superuser and print its login. Local use only."

    password_file = settings.BASE_DIR / ".local-admin-password"

    def add_arguments(self, parser):
        # `make run HOST=… PORT=…` passes its own, so that the login printed is the one served.
        parser.add_argument("--host", default="127.0.0.1", help="host the site is served on")
        parser.add_argument("--port", default="8000", help="port the site is served on")

    def handle(self, *args, **options):
        if not settings.LOCAL_DEVELOPMENT:
            raise CommandError("create_local_admin is for local development (settings.dev) only.")
        if self.password_file.exists():
            password = self.password_file.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            self.password_file.write_text(password + "\n")
        user, _created = get_user_model().objects.get_or_create(
            username="admin", defaults={"email": "admin@localhost"}
        )
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        host = f"[{options['host']}]" if ":" in options["host"] else options["host"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Local admin: http://{host}:{options['port']}/admin/  user: admin  "
                f"password: {password}"
            )
        )
