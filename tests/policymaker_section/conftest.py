import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_catalogue():
    """The catalogue is cached; a rolled-back test must not leave its records in it."""
    cache.clear()
    yield
    cache.clear()
