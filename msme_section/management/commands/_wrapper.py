"""Dedicated import commands are ``import_csv KIND`` with the kind filled in."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from msme_platform.core.starter import STARTER_DATA


def import_command(kind, default_file):
    class Command(BaseCommand):
        help = (
            f"Import {kind} from a CSV file (default: the starter copy, {default_file}). "
            "Nothing is written if any row has an error."
        )

        def add_arguments(self, parser):
            parser.add_argument("path", nargs="?", default=str(STARTER_DATA / default_file))
            parser.add_argument(
                "--dry-run", action="store_true", help="Check the file and say what would change."
            )

        def handle(self, *args, path, dry_run, **options):
            call_command("import_csv", kind, path, dry_run=dry_run, stdout=self.stdout)

    return Command
