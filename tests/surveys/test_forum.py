"""Dialogue forums: posts wait for moderation, then appear threaded; staff replies are official."""

import pytest

from msme_platform.core import roles
from surveys.enums import ModerationStatus
from surveys.models import ForumPost

from .conftest import token
from .factories import UserFactory

pytestmark = pytest.mark.django_db


def post_data(**overrides):
    data = {
        "form_token": token(),
        "website": "",
        "name": "Amina",
        "country": "KEN",
        "enterprise_size": "small",
        "text": "Where do I find tariffs for tea?",
    }
    data.update(overrides)
    return data


def test_post_awaits_moderation_and_is_not_shown(client, forum):
    response = client.post(forum.url, post_data())
    html = response.content.decode()
    assert "your post is awaiting moderation" in html
    assert ForumPost.objects.get().status == ModerationStatus.NEW
    assert "Where do I find tariffs for tea?" not in client.get(forum.url).content.decode()


def test_approved_posts_appear_threaded_with_official_replies(client, forum):
    client.post(forum.url, post_data())
    question = ForumPost.objects.get()
    question.moderate(ModerationStatus.APPROVED, None)
    staff = UserFactory(groups=[roles.DELEGATES], first_name="Official", last_name="Person")
    client.force_login(staff)
    reply = client.post(
        forum.url, post_data(name="Official Person", parent=question.pk, text="See the helpdesk.")
    )
    assert "Your reply is published." in reply.content.decode()
    answer = ForumPost.objects.get(parent=question)
    assert answer.is_official and answer.status == ModerationStatus.APPROVED
    client.logout()
    html = client.get(forum.url).content.decode()
    assert "Where do I find tariffs for tea?" in html
    assert "See the helpdesk." in html
    assert "Official reply" in html
    assert "Kenya" in html
    assert html.index("Where do I find tariffs") < html.index("See the helpdesk.")
    assert "thread-list--replies" in html


def test_reply_to_unpublished_post_is_refused(client, forum):
    client.post(forum.url, post_data())
    waiting = ForumPost.objects.get()
    response = client.post(forum.url, post_data(parent=waiting.pk, text="Me too"))
    assert "not published here" in response.content.decode()
    assert ForumPost.objects.count() == 1


def test_html_in_posts_is_escaped(client, forum):
    client.post(forum.url, post_data(name="<b>x</b>", text="<script>alert(1)</script>"))
    ForumPost.objects.update(status=ModerationStatus.APPROVED)
    html = client.get(forum.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_closed_topic_accepts_nothing(client, forum):
    forum.is_closed = True
    forum.save_revision().publish()
    page = client.get(forum.url).content.decode()
    assert "This topic is closed" in page
    assert 'name="form_token"' not in page
    response = client.post(forum.url, post_data())
    assert response.status_code == 403
    assert ForumPost.objects.count() == 0


def test_forged_country_and_long_text_are_refused(client, forum):
    response = client.post(forum.url, post_data(country="XXX", text="y" * 1_000_000))
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "at most 5000 characters" in html
    assert ForumPost.objects.count() == 0


def test_double_submit_creates_one_post(client, forum):
    data = post_data()
    client.post(forum.url, data)
    client.post(forum.url, data)
    assert ForumPost.objects.count() == 1


def test_honeypot_post_is_kept_as_spam(client, forum):
    client.post(forum.url, post_data(website="buy now"))
    assert ForumPost.objects.get().status == ModerationStatus.SPAM
