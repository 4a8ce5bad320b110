import factory
import wagtail_factories
from wagtail.models import Locale

from msme_platform.core import models


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guide number {n} to exporting")
    search_description = factory.Faker("sentence", nb_words=12)
    body = factory.LazyFunction(
        lambda: [{"type": "paragraph", "value": "<p>How small firms find buyers abroad.</p>"}]
    )

    class Meta:
        model = models.StandardPage


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = models.Region


class CountryFactory(factory.django.DjangoModelFactory):
    iso3 = factory.Sequence(lambda n: f"Q{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")
    region = factory.SubFactory(RegionFactory)
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = models.Country
