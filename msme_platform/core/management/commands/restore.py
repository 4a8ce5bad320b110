from django.core.management.base import BaseCommand, CommandError

from msme_platform.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup folder into the configured database, which must be empty "
        "(create a fresh one and point DATABASE_URL at it), and its media files into "
        "MEDIA_ROOT; then compare the rows in every table with the backup's."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("folder", help="e.g. backups/20261128T120000000000Z")

    def handle(self, *args, folder, **options):
        try:
            expected, found = backups.restore(folder)
        except (backups.BackupError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        differ = {t: (n, found.get(t)) for t, n in expected.items() if found.get(t) != n}
        if differ:
            lines = "\n".join(
                f"  {t}: {n} in the backup, {m} restored" for t, (n, m) in differ.items()
            )
            raise CommandError(f"Restored, but row counts differ:\n{lines}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {len(expected)} tables, {sum(expected.values())} rows; counts match."
            )
        )
