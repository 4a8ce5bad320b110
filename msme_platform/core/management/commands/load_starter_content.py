from django.core.management.base import BaseCommand, CommandError

from msme_platform.core.importing import ImportFileError
from msme_platform.core.starter import load_starter_content


class Command(BaseCommand):
    help = "Build the page tree and import the starter taxonomy. Safe to run more than once."

    def handle(self, *args, **options):
        try:
            load_starter_content(report=lambda line: self.stdout.write(f"  {line}"))
        except ImportFileError as error:
            raise CommandError(f"Starter data has errors; nothing was written:\n{error}") from None
        self.stdout.write(self.style.SUCCESS("Starter content is loaded."))
