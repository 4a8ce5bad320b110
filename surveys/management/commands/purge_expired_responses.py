from django.core.management.base import BaseCommand

from surveys.retention import purge_expired


class Command(BaseCommand):
    help = (
        "Delete survey responses past their survey's retention period that were never "
        "approved, anonymise approved ones, and delete old refused forum posts. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would change; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        summary = purge_expired(dry_run=dry_run)
        prefix = "Would have: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary['deleted']} responses deleted, {summary['anonymised']} "
            f"anonymised, {summary['forum_posts_deleted']} refused forum posts deleted."
        )
