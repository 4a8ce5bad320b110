"""Thematic sessions and challenges point at each other."""

import pytest
from wagtail.models import Locale

from events.models import EventPage
from msme_section.models import ChallengePage

pytestmark = pytest.mark.django_db


def test_an_event_linked_to_a_challenge_shows_on_both_pages(client):
    english = Locale.get_default()
    challenge = ChallengePage.objects.filter(locale=english).first()
    event = EventPage.objects.filter(locale=english).order_by("-start_date").first()
    event.related_challenges.add(challenge)
    event.save_revision().publish()

    challenge_html = client.get(challenge.url).content.decode()
    assert "Thematic sessions" in challenge_html
    assert f'href="{event.url}"' in challenge_html

    event_html = client.get(event.url).content.decode()
    assert "Challenges discussed" in event_html
    assert f'href="{challenge.url}"' in event_html
