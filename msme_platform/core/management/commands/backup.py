import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from msme_platform.core import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format, or SQLite's backup API) and the "
        "media files into <dir>/<UTC timestamp>/, keeping the newest --keep backups."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=os.environ.get("BACKUP_DIR", str(settings.BASE_DIR / "backups"))
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=int(os.environ.get("BACKUP_KEEP", "14")),
            help="how many backups to keep (0: all)",
        )

    def handle(self, *args, dir, keep, **options):
        try:
            folder = backups.backup(dir, keep=keep or None)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
