from django.core.management.base import BaseCommand, CommandError

from msme_platform.core.importing import ImportFileError
from msme_platform.core.starter import load_starter_content


class Command(BaseCommand):
    help = (
        "Build the page tree and import the starter content in every language. Safe to run "
        "more than once. -v 2 lists every file and page written."
    )

    def handle(self, *args, **options):
        lines = []

        def report(line):
            lines.append(line)
            if options["verbosity"] >= 2:
                self.stdout.write(f"  {line}")

        try:
            load_starter_content(report=report)
        except ImportFileError as error:
            raise CommandError(f"Starter data has errors; nothing was written:\n{error}") from None
        if options["verbosity"] == 1:
            files = sum(1 for line in lines if ".csv:" in line)
            pages = sum(1 for line in lines if line.startswith("page "))
            self.stdout.write(
                f"  {files} data files imported, {pages} structural pages checked, every record "
                "in French and Spanish (-v 2 lists each step)"
            )
        self.stdout.write(self.style.SUCCESS("Starter content is loaded."))
