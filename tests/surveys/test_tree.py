"""Where survey pages live, and that a delegate-facing admin form builds a survey."""

from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from msme_section.models import MSMESectionPage
from surveys.models import DialogueForumPage, SurveyIndexPage, SurveyPage


class TestSurveyTree(WagtailPageTestCase):
    def test_index_sits_in_the_msme_section_and_holds_surveys_and_forums(self):
        self.assertAllowedParentPageTypes(SurveyIndexPage, {MSMESectionPage})
        self.assertAllowedSubpageTypes(SurveyIndexPage, {SurveyPage, DialogueForumPage})
        self.assertAllowedSubpageTypes(SurveyPage, set())

    def test_editor_builds_a_survey_with_scale_and_country_questions(self):
        self.login()
        index = SurveyIndexPage.objects.get(locale=Locale.get_default())
        self.assertCanCreate(
            index,
            SurveyPage,
            nested_form_data(
                {
                    "title": "Digital trade needs",
                    "slug": "digital-trade-needs",
                    "search_description": "What small online sellers need.",
                    "intro": rich_text("<p>Five questions.</p>"),
                    "thank_you_text": rich_text("<p>Thanks.</p>"),
                    "consent_text": "I agree.",
                    "retention_days": 180,
                    "form_fields": inline_formset(
                        [
                            {"label": "Where are you based?", "field_type": "country"},
                            {"label": "How easy is selling online?", "field_type": "scale"},
                        ]
                    ),
                }
            ),
        )
        survey = SurveyPage.objects.get(slug="digital-trade-needs")
        assert [f.field_type for f in survey.get_form_fields()] == ["country", "scale"]
        response = self.client.get(survey.url)
        assert "How easy is selling online?" in response.content.decode()
