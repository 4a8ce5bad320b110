"""Synthetic records for benchmarks and query-budget tests, clearly marked as such.

Never run against a site visitors use: every record says it is synthetic test data.
"""

import random

from django.db import transaction

from msme_platform.core.models import Country, Topic

from .enums import AgreementType, CoverageVerified, LegalIntensity
from .models import (
    AgreementIndexPage,
    AgreementPage,
    Provision,
    ProvisionCategory,
    TPREntryPage,
    TPRIndexPage,
)

PREFIX = "scale-"
WORDS = [
    "cooperation",
    "information",
    "website",
    "committee",
    "procurement",
    "finance",
    "digital",
    "customs",
    "innovation",
    "women",
    "contact",
    "points",
    "dialogue",
    "standards",
    "services",
    "investment",
]


def _indexes(locale):
    return (
        AgreementIndexPage.objects.get(locale=locale),
        TPRIndexPage.objects.get(locale=locale),
    )


@transaction.atomic
def add_agreements(locale, count, provisions_each, start=0, seed=0):
    rng = random.Random(seed + start)
    index, _tprs = _indexes(locale)
    countries = list(Country.objects.filter(locale=locale))
    categories = list(ProvisionCategory.objects.filter(locale=locale))
    intensities = list(LegalIntensity.values)
    types = AgreementType.values
    provisions, parties = [], []
    through = AgreementPage.parties.through
    for number in range(start, start + count):
        year = rng.randint(1995, 2025)
        page = AgreementPage(
            title=f"Synthetic test agreement {number} (not a real agreement)",
            slug=f"{PREFIX}agreement-{number}",
            code=f"{PREFIX}agreement-{number}",
            short_name=f"TEST-{number}",
            agreement_type=rng.choice(types),
            entry_into_force_year=year,
            status="synthetic test data",
            in_force=rng.random() < 0.7,
            has_sme_chapter=rng.random() < 0.6,
            note="Synthetic record created by generate_scale_data for benchmarks.",
            live=True,
        )
        index.add_child(instance=page)
        for country in rng.sample(countries, rng.randint(2, 8)):
            parties.append(through(agreementpage_id=page.pk, country_id=country.pk))
        for position in range(provisions_each):
            words = " ".join(rng.choice(WORDS) for _ in range(12))
            provisions.append(
                Provision(
                    page_id=page.pk,
                    locale_id=page.locale_id,
                    sort_order=position,
                    chapter=f"{rng.randint(1, 30)} Synthetic chapter",
                    article=f"{rng.randint(1, 30)}.{position + 1} Synthetic article",
                    category=rng.choice(categories),
                    legal_intensity=rng.choice(intensities),
                    summary=f"Synthetic provision about {words}.",
                )
            )
    through.objects.bulk_create(parties, batch_size=2000)
    Provision.objects.bulk_create(provisions, batch_size=2000)


@transaction.atomic
def add_reviews(locale, count, start=0, seed=0):
    rng = random.Random(seed + start + 7)
    _agreements, index = _indexes(locale)
    countries = list(Country.objects.filter(locale=locale))
    topics = list(Topic.objects.filter(locale=locale))
    members, tagged = [], []
    for number in range(start, start + count):
        page = TPREntryPage(
            title=f"Synthetic test review {number} (not a real review)",
            slug=f"{PREFIX}review-{number}",
            code=f"{PREFIX}review-{number}",
            review_year=rng.randint(1995, 2025),
            coverage_verified=rng.choice(CoverageVerified.values),
            note="Synthetic record created by generate_scale_data for benchmarks.",
            live=True,
        )
        index.add_child(instance=page)
        members.append(
            TPREntryPage.members.through(
                tprentrypage_id=page.pk, country_id=rng.choice(countries).pk
            )
        )
        for topic in rng.sample(topics, rng.randint(0, 3)):
            tagged.append(TPREntryPage.topics.through(tprentrypage_id=page.pk, topic_id=topic.pk))
    TPREntryPage.members.through.objects.bulk_create(members, batch_size=2000)
    TPREntryPage.topics.through.objects.bulk_create(tagged, batch_size=2000)


@transaction.atomic
def remove(locale=None):
    pages = list(AgreementPage.objects.filter(code__startswith=PREFIX)) + list(
        TPREntryPage.objects.filter(code__startswith=PREFIX)
    )
    for page in pages:
        page.delete()
    return len(pages)
