"""The upcoming events as an Atom feed (``core.feeds``), beside the iCalendar feeds; and
what events add to the topic and country feeds.

An entry's dates are the event page's publication dates, as in every feed; when the
event takes place is said in its summary. The feed changes when content does and when
its first event ends, so it is kept until then.
"""

from django.db.models import Min, Q
from django.http import Http404
from django.utils import formats, timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from msme_platform.core.caching.routing import site_for_request
from msme_platform.core.feeds import (
    ENTRIES,
    PageFeed,
    Subject,
    feed_url,
    page_link,
    register_feed,
    register_record_filter,
    with_atom_links,
)
from msme_platform.core.models import HomePage
from msme_platform.core.models.pages import countries_for
from msme_platform.core.sitemaps import served_root_url
from msme_platform.core.visibility import public

from . import timing
from .enums import DatePrecision, EventStatus
from .ical import calendar_response
from .models import FEED_FIELDS, EventIndexPage, EventPage
from .profiles import countries_with_events

PAST_WHEN_NOTHING_AHEAD = 3


def when(event):
    """When the event takes place, in the visitor's language."""
    if event.precision == DatePrecision.MONTH:
        return _("%(title)s (date to be confirmed)") % {
            "title": formats.date_format(event.local_start.date(), "YEAR_MONTH_FORMAT")
        }
    start, end = event.local_start.date(), event.last_local_day
    if end <= start:
        return formats.date_format(start, "DATE_FORMAT")
    return _("%(start)s to %(end)s") % {
        "start": formats.date_format(start, "DATE_FORMAT"),
        "end": formats.date_format(end, "DATE_FORMAT"),
    }


class UpcomingEventsFeed(PageFeed):
    name = "events"
    timed = True

    def feed_title(self):
        return _("Upcoming MSME events")

    def get_subject(self, request, code):
        index = (
            EventIndexPage.objects.live()
            .filter(locale__language_code=translation.get_language())
            .select_related("locale")
            .first()
        )
        if index is None:
            raise Http404
        subject = Subject(
            self.feed_title(),
            "",
            _("Conferences and workshops for MSMEs still to come, soonest first."),
            index=index,
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(index, subject, request)
        return subject

    def entries(self, subject, request, now):
        events = subject.index.upcoming_events(now).exclude(status=EventStatus.CANCELLED)
        found = list(events[:ENTRIES])
        if not found:
            # Nothing ahead: the feed says so and shows the latest events, as the events
            # page does, each marked as past.
            subject.description = _(
                "No event is scheduled at the moment. These are the latest events held."
            )
            found = list(
                subject.index.events()
                .filter(ends_at__lte=now)
                .exclude(status=EventStatus.CANCELLED)
                .order_by("-starts_at", "-pk")[:PAST_WHEN_NOTHING_AHEAD]
            )
            for event in found:
                event.feed_past = True
        return with_atom_links(found, subject, request)

    def valid_until(self, entries, now):
        """The first upcoming event to end leaves the feed then."""
        return min(
            (event.ends_at for event in entries if not getattr(event, "feed_past", False)),
            default=None,
        )

    def item_title(self, event):
        if getattr(event, "feed_past", False):
            return _("%(title)s (past event, %(date)s)") % {
                "title": event.title,
                "date": when(event),
            }
        return f"{event.title} ({when(event)})"

    def item_description(self, event):
        where = event.venue or (_("Online") if event.is_online else "")
        lines = [_("When: %(date)s") % {"date": when(event)}]
        if where:
            lines.append(_("Where: %(place)s") % {"place": where})
        if event.search_description:
            lines.append(event.search_description)
        return " · ".join(lines)

    def item_categories(self, event):
        return [event.get_event_type_display()]

    def advertise(self, context):
        if isinstance(context.get("page"), HomePage | EventIndexPage):
            return [(self.feed_title(), feed_url(self.name))]
        return []


class CountryCalendar:
    """The upcoming events held in one country, as an iCalendar feed
    (``feeds/calendars/<iso3>/``), offered on the profiles of countries that hold events.
    Built and cached as the events page's feed is (``ical.calendar_response``)."""

    name = "calendars"
    takes_code = True

    def __call__(self, request, code):
        index = (
            EventIndexPage.objects.live()
            .filter(locale__language_code=translation.get_language())
            .first()
        )
        country = None
        if index is not None and len(code) == 3:
            country = countries_for(index.locale_id).filter(iso3=code.upper()).first()
        if country is None:
            raise Http404
        now = timezone.now()
        events = public(
            EventPage.objects.live()
            .filter(locale_id=index.locale_id, country__iso3=country.iso3, ends_at__gt=now)
            .order_by("starts_at", "pk")
        ).only(*FEED_FIELDS)
        response = calendar_response(
            events,
            request,
            name=_("Events in %(country)s") % {"country": country.name},
            filename=f"events-{country.iso3.lower()}.ics",
            cache_key=("country", country.iso3, request.get_host()),
        )
        moment = events.aggregate(end=Min("ends_at"))["end"]
        patch_cache_control(response, public=True, max_age=timing.seconds_until(moment, now))
        return response

    def follow(self, country):
        if country.iso3 not in countries_with_events():
            return []
        return [
            (
                _("Upcoming events held in %(country)s (calendar feed, iCalendar)")
                % {"country": country.name},
                feed_url(self.name, country.iso3.lower()),
                "text/calendar",
            )
        ]

    def advertise(self, context):
        return []


register_feed(UpcomingEventsFeed())
register_feed(CountryCalendar())
register_record_filter("topic", lambda slug: Q(eventpage__topics__slug=slug))
register_record_filter("country", lambda iso3: Q(eventpage__country__iso3=iso3))
