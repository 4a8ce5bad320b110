import factory
import wagtail_factories
from wagtail.models import Locale

from msme_platform.core.models import Country
from msme_section import models
from msme_section.enums import ProgrammeType, StudyType


def english_country(iso3):
    return Country.objects.get(iso3=iso3, locale=Locale.get_default())


class NationalProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Export credit line number {n}")
    search_description = factory.Faker("sentence", nb_words=10)
    country = factory.LazyFunction(lambda: english_country("KEN"))
    agency = factory.Faker("company")
    programme_type = ProgrammeType.FINANCE
    for_micro = True
    for_small = True
    for_medium = False
    link = factory.Sequence(lambda n: f"https://programmes.example/{n}/")

    class Meta:
        model = models.NationalProgrammePage


class StudyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Study of small exporters, part {n}")
    search_description = factory.Faker("sentence", nb_words=10)
    organisation = "Research Office"
    year = 2020
    study_type = StudyType.REPORT

    class Meta:
        model = models.StudyPage


class ChallengePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Challenge {n}")
    challenge = factory.Faker("sentence")
    why_it_matters = "<p>It costs small firms more.</p>"
    strategies = "<ul><li>Ask for help.</li></ul>"

    class Meta:
        model = models.ChallengePage


class BestPracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"One-stop shop for exporters {n}")
    search_description = factory.Faker("sentence", nb_words=10)
    problem = "<p>Exporters had to visit five offices.</p>"
    what_was_done = "<p>One office now handles every form.</p>"
    outcome = "<p>Fewer visits.</p>"

    class Meta:
        model = models.BestPracticePage


class ResourceFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Tool {n}")
    organisation = "Agency"
    url = factory.Sequence(lambda n: f"https://tools.example/{n}/")
    description = factory.Faker("sentence")
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = models.Resource


def english(model, **filters):
    return model.objects.get(locale=Locale.get_default(), **filters)
