import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create (or reset) the local 'admin' superuser and print its login. Local use only."

    password_file = settings.BASE_DIR / ".local-admin-password"

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
        self.stdout.write(
            self.style.SUCCESS(
                "Local admin: http://127.0.0.1:8000/admin/  user: admin  password: " + password
            )
        )
