import factory
import wagtail_factories
from wagtail.models import Locale

from policymaker_section import models
from policymaker_section.enums import AgreementType, CoverageVerified


class ProvisionCategoryFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"TEST_{n}")
    name = factory.Sequence(lambda n: f"Test category {n}")
    group = "cooperation"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = models.ProvisionCategory


class AgreementPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Agreement on trade number {n}")
    code = factory.Sequence(lambda n: f"test-agreement-{n}")
    slug = factory.LazyAttribute(lambda obj: obj.code)
    short_name = factory.Sequence(lambda n: f"TA-{n}")
    agreement_type = AgreementType.FTA_EIA
    entry_into_force_year = 2020
    in_force = True
    has_sme_chapter = True

    class Meta:
        model = models.AgreementPage

    @factory.post_generation
    def parties(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.parties.set(extracted)
            obj.save()


class ProvisionFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(AgreementPageFactory)
    chapter = "20 Small and Medium-Sized Enterprises"
    article = factory.Sequence(lambda n: f"20.{n} Article")
    category = factory.SubFactory(ProvisionCategoryFactory)
    summary = factory.Faker("sentence", nb_words=14)

    class Meta:
        model = models.Provision


class TPREntryPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Member {n}: Trade Policy Review 2020")
    code = factory.Sequence(lambda n: f"test-review-{n}")
    slug = factory.LazyAttribute(lambda obj: obj.code)
    review_year = 2020
    coverage_verified = CoverageVerified.YES

    class Meta:
        model = models.TPREntryPage

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)
            obj.save()
