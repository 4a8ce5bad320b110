import os

import pytest
from django.contrib.auth.models import Group

from msme_platform.core.caching import memo
from msme_platform.core.starter import load_starter_content
from tests.utils import PASSWORD


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every database test starts from the real starter content, loaded once per run."""
    with django_db_blocker.unblock():
        load_starter_content(report=lambda line: None)


@pytest.fixture(autouse=True)
def fresh_content_memo():
    """A test's rolled-back records must not live on in the process's memo."""
    memo.forget()
    yield
    memo.forget()


def pytest_sessionfinish(session, exitstatus):
    """In CI nothing may be skipped: a missing browser or database is a failure there."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("STRICT_NO_SKIPS") and skipped and exitstatus == 0:
        reporter.write_line(f"STRICT_NO_SKIPS: {skipped} test(s) were skipped", red=True)
        session.exitstatus = 1


@pytest.fixture
def person(django_user_model):
    """``person(username, role)``: a user in one of the roles' groups, password ``PASSWORD``."""

    def make(username, role):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make
