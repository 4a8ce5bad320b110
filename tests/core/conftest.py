import pytest
from django.contrib.auth.models import Group

from tests.utils import PASSWORD


@pytest.fixture
def person(django_user_model):
    """``person(username, role)``: a user in one of the roles' groups, password ``PASSWORD``."""

    def make(username, role):
        user = django_user_model.objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.groups.add(Group.objects.get(name=role))
        return user

    return make
