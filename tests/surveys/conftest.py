import time

import pytest
from django.core.cache import cache

from msme_platform.core import protection, roles
from surveys.enums import SurveyFieldType
from surveys.models import SurveyIndexPage

from .factories import (
    DialogueForumPageFactory,
    SurveyFormFieldFactory,
    SurveyPageFactory,
    UserFactory,
)

QUESTIONS = [
    ("country", SurveyFieldType.COUNTRY, "Where is your business based?", True, ""),
    ("size", SurveyFieldType.ENTERPRISE_SIZE, "How large is your business?", True, ""),
    ("exports", SurveyFieldType.RADIO, "Do you export?", True, "Yes\nNo"),
    ("needs", SurveyFieldType.CHECKBOXES, "What do you need?", False, "Tariffs\nRules\nBuyers"),
    ("ease", SurveyFieldType.SCALE, "How easy is it?", False, ""),
    ("story", SurveyFieldType.MULTILINE, "Tell us more", False, ""),
]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def index_page(db):
    return SurveyIndexPage.objects.filter(locale__language_code="en").first()


@pytest.fixture
def survey(index_page):
    page = SurveyPageFactory(parent=index_page)
    for order, (name, kind, label, required, choices) in enumerate(QUESTIONS):
        SurveyFormFieldFactory(
            page=page,
            clean_name=name,
            field_type=kind,
            label=label,
            required=required,
            choices=choices,
            sort_order=order,
        )
    page.save_revision().publish()
    return page


@pytest.fixture
def forum(index_page):
    return DialogueForumPageFactory(parent=index_page)


def token(age=60):
    """A form token as the page would have issued it ``age`` seconds ago."""
    return protection.make_token(issued_at=time.time() - age)


def answers(**overrides):
    data = {
        "form_token": token(),
        "website": "",
        "country": "KEN",
        "size": "micro",
        "exports": "Yes",
        "needs": ["Tariffs", "Rules"],
        "ease": "4",
        "story": "We sell coffee.",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def secretariat(db):
    return UserFactory(groups=[roles.SECRETARIAT])


@pytest.fixture
def delegate(db):
    return UserFactory(groups=[roles.DELEGATES])


@pytest.fixture
def reviewer(db):
    return UserFactory(groups=[roles.REVIEWERS])


@pytest.fixture
def observer(db):
    return UserFactory(groups=[roles.OBSERVERS])
