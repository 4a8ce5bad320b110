import datetime

import pytest
import time_machine
from wagtail.models import Locale

from events.models import EventIndexPage

UTC = datetime.UTC


@pytest.fixture
def index(db):
    """The English events index the starter content builds."""
    return EventIndexPage.objects.get(locale=Locale.get_default())


@pytest.fixture
def freeze():
    """``freeze(datetime)`` stops the clock at that instant (UTC unless aware) for the test."""
    travellers = []

    def stop_at(moment):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        traveller = time_machine.travel(moment, tick=False)
        traveller.start()
        travellers.append(traveller)
        return moment

    yield stop_at
    for traveller in reversed(travellers):
        traveller.stop()
