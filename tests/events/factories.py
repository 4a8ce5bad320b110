import datetime

import factory
import wagtail_factories

from events import models


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Workshop number {n} on export finance")
    search_description = factory.Faker("sentence", nb_words=10)
    event_type = "workshop"
    start_date = datetime.date(2030, 5, 14)
    start_time = datetime.time(14, 0)
    end_time = datetime.time(16, 0)
    time_zone = "Europe/Zurich"
    venue = "WTO, Geneva, Switzerland"

    class Meta:
        model = models.EventPage
