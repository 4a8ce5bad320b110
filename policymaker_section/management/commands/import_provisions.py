from msme_platform.core.management.commands.import_csv import Command as ImportCommand


class Command(ImportCommand):
    help = (
        "Import provisions from a CSV file in the format of starter_data. "
        "Nothing is written if any row has an error."
    )
    kind = "provisions"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and say what would change."
        )

    def handle(self, *args, **options):
        return super().handle(*args, kind=self.kind, **options)
