"""An empty list of the MSME section says so and offers the next step: the section's own
page, which lists what is there, and the search box."""

import pytest

from msme_section.models import (
    ChallengeIndexPage,
    ChallengePage,
    MSMESectionPage,
    Resource,
    ResourcesPage,
)
from tests.msme_section.factories import english

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "empty", "notice"),
    [
        (
            ChallengeIndexPage,
            lambda: ChallengePage.objects.all().unpublish(),
            "No challenge has been published yet.",
        ),
        (ResourcesPage, lambda: Resource.objects.all().delete(), "No resource has been added yet."),
    ],
)
def test_an_empty_list_says_so_and_links_to_its_section(client, model, empty, notice):
    page = english(model)
    empty()
    html = client.get(page.url).content.decode()
    assert notice in html
    section = english(MSMESectionPage)
    next_step = html[html.index('class="next-step"') :]
    assert f'<a href="{section.url}">{section.title}</a> lists what is already there' in next_step
    assert client.get(section.url).status_code == 200
