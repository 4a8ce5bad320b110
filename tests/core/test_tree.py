"""Where each page type may live, and that an editor can create one in the admin."""

from wagtail.models import Locale, Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from msme_platform.core.models import HomePage, SearchPage, StandardPage
from msme_section.models import MSMESectionPage
from policymaker_section.models import PolicymakerSectionPage


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_sits_at_the_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_sections_and_site_pages(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {MSMESectionPage, PolicymakerSectionPage, StandardPage, SearchPage},
        )

    def test_sections_and_search_live_directly_under_home(self):
        for page_type in (MSMESectionPage, PolicymakerSectionPage, SearchPage):
            self.assertAllowedParentPageTypes(page_type, {HomePage})

    def test_search_page_has_no_children(self):
        self.assertAllowedSubpageTypes(SearchPage, set())

    def test_standard_pages_nest_under_home_sections_and_each_other(self):
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, StandardPage, MSMESectionPage, PolicymakerSectionPage}
        )

    def test_second_section_of_a_kind_cannot_be_created(self):
        home = HomePage.objects.get(locale=Locale.get_default())
        self.assertFalse(MSMESectionPage.can_create_at(home))
        self.assertFalse(SearchPage.can_create_at(home))
        self.assertTrue(StandardPage.can_create_at(home))

    def test_editor_creates_a_standard_page_in_the_admin(self):
        self.login()
        about = StandardPage.objects.get(slug="about", locale=Locale.get_default())
        self.assertCanCreate(
            about,
            StandardPage,
            nested_form_data(
                {
                    "title": "Our partners",
                    "slug": "partners",
                    "search_description": "Organisations the Group works with.",
                    "body": streamfield([("paragraph", rich_text("<p>The ITC and UNCTAD.</p>"))]),
                }
            ),
        )
        self.assertTrue(StandardPage.objects.filter(slug="partners").exists())
