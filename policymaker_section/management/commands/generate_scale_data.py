"""Benchmarks only: fill the databases to the size the performance goals are set for."""

from django.core.management.base import BaseCommand
from wagtail.models import Locale

from msme_platform.core.caching import generation
from policymaker_section import scale


class Command(BaseCommand):
    help = (
        "Benchmarks only: add synthetic agreements, provisions and Trade Policy Review "
        "entries (marked as synthetic). --remove deletes them again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--agreements", type=int, default=500)
        parser.add_argument("--provisions", type=int, default=20000)
        parser.add_argument("--reviews", type=int, default=2000)
        parser.add_argument("--remove", action="store_true", help="Delete the synthetic records.")

    def handle(self, *args, agreements, provisions, reviews, remove, **options):
        locale = Locale.get_default()
        if remove:
            removed = scale.remove(locale)
            generation.changed()  # bulk inserts send no signal
            self.stdout.write(self.style.SUCCESS(f"Removed {removed} synthetic pages."))
            return
        self.stdout.write(
            "This adds synthetic records for benchmarks; never run it on a live site."
        )
        each = max(1, provisions // max(1, agreements))
        existing = scale.AgreementPage.objects.filter(code__startswith=scale.PREFIX).count()
        batch = 50
        for start in range(0, agreements, batch):
            scale.add_agreements(
                locale, min(batch, agreements - start), each, start=existing + start
            )
            self.stdout.write(f"  agreements: {min(start + batch, agreements)}/{agreements}")
        existing = scale.TPREntryPage.objects.filter(code__startswith=scale.PREFIX).count()
        for start in range(0, reviews, 200):
            scale.add_reviews(locale, min(200, reviews - start), start=existing + start)
            self.stdout.write(f"  reviews: {min(start + 200, reviews)}/{reviews}")
        generation.changed()
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {agreements} agreements with {each * agreements} provisions "
                f"and {reviews} Trade Policy Review entries."
            )
        )
