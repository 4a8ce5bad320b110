from django.core.management.base import BaseCommand, CommandError

from msme_platform.core.importing import IMPORTERS, ImportFileError


class Command(BaseCommand):
    help = "Import one CSV file. Nothing is written if any row has an error."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change."
        )

    def handle(self, *args, kind, path, dry_run, **options):
        try:
            plan = IMPORTERS[kind]().read(path)
        except ImportFileError as error:
            raise CommandError(
                f"{len(error.errors)} problem(s); nothing was imported:\n{error}"
            ) from None
        summary = plan.summary if dry_run else plan.apply()
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            self.style.SUCCESS(
                f"{plan.file}: {summary['create']} {verb} created, {summary['update']} {verb} "
                f"updated, {summary['unchanged']} unchanged."
            )
        )
