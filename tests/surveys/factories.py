import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from surveys import models
from surveys.enums import SurveyFieldType


class SurveyFormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Question {n}")
    field_type = SurveyFieldType.SINGLELINE
    required = False
    sort_order = factory.Sequence(int)

    class Meta:
        model = models.SurveyFormField


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Survey {n} on exporting")
    consent_text = "I agree that my answers are stored."
    results_public = True

    class Meta:
        model = models.SurveyPage


class DialogueForumPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Forum topic {n}")
    topic = "<p>What slows your exports down?</p>"

    class Meta:
        model = models.DialogueForumPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, names):
        for name in names or []:
            self.groups.add(Group.objects.get(name=name))
