"""The events list: upcoming, past, a month calendar, and the iCalendar feed, as routes."""

import calendar
import datetime

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from msme_platform.core import wagtail_internals
from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage, Topic

from .. import timing
from ..forms import MAX_YEAR, MIN_YEAR, EventFilterForm
from ..ical import calendar_response
from .event import CACHE_SECONDS, FEED_FIELDS, RESERVED_SLUGS, EventPage


class EventIndexPage(RoutablePageMixin, BasePage):
    """Upcoming events (the default view), the past archive, a month calendar and feeds."""

    template = "pages/events/event_index_page.html"
    calendar_template = "pages/events/event_calendar.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two above the list of events."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    PER_PAGE = 20
    RECENT_WHEN_NOTHING_AHEAD = 3

    class Meta:
        verbose_name = _("event index page")

    # -- Queries

    def events(self):
        return self._public_events.all()

    @cached_property
    def _public_events(self):
        # Restricted events are left out in the same query (``public()`` would take one
        # more); restrictions on the index or above are checked when the index is served.
        return (
            EventPage.objects.live()
            .child_of(self)
            .filter(view_restrictions__isnull=True)
            .defer_streamfields()
            .select_related("locale")
        )

    def upcoming_events(self, now=None):
        return self.events().filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "pk")

    def topics(self):
        return Topic.objects.filter(locale_id=self.locale_id)

    def next_change(self, now=None):
        """The next start or end of any event: the lists are unchanged until then."""
        now = now or timezone.now()
        found = self.events().aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)),
            end=Min("ends_at", filter=Q(ends_at__gt=now)),
        )
        moments = [moment for moment in found.values() if moment is not None]
        return min(moments) if moments else None

    def _cached(self, response, now=None):
        patch_cache_control(
            response,
            public=True,
            max_age=timing.seconds_until(self.next_change(now), cap=CACHE_SECONDS),
        )
        return response

    def topic_choices(self):
        return memo.remember(
            ("event-topics", self.locale_id),
            lambda: tuple(self.topics().values_list("slug", "name")),
        )

    def _list(self, request, view):
        now = timezone.now()
        form = EventFilterForm(request.GET, self.topic_choices())

        def compute():
            matching = form.apply(self.events())
            if view == "upcoming":
                shown, order = Q(ends_at__gt=now), ("starts_at", "pk")
            else:
                shown, order = Q(ends_at__lte=now), ("-starts_at", "-pk")
            # One query for the count and for the next start or end among the matching
            # events: the list is unchanged until then.
            found = matching.aggregate(
                count=Count("pk", filter=shown, distinct=True),
                start=Min("starts_at", filter=Q(starts_at__gt=now)),
                end=Min("ends_at", filter=Q(ends_at__gt=now)),
            )
            paginator = Paginator(matching.filter(shown).order_by(*order), self.PER_PAGE)
            paginator.count = found["count"]
            recent = []
            if view == "upcoming" and not found["count"]:
                # Nothing ahead: the latest past events, with what they left behind.
                recent = list(
                    matching.filter(ends_at__lte=now)
                    .defer(None)
                    .order_by("-starts_at", "-pk")[: self.RECENT_WHEN_NOTHING_AHEAD]
                )
            html = render_to_string(
                "pages/events/_list.html",
                {
                    "page": self,
                    "view": view,
                    "events": paginator.get_page(request.GET.get("page")),
                    "filtered": form.is_valid() and any(form.cleaned_data.values()),
                    "recent": recent,
                },
                request,
            )
            return html, min(filter(None, (found["start"], found["end"])), default=None)

        if getattr(request, "is_preview", False):
            html, until = compute()
        else:
            # The rendered list, kept until the content changes or an event on it starts
            # or ends; the same moment bounds the response's cache lifetime.
            key = (
                "event-list",
                self.pk,
                view,
                request.GET.urlencode(),
                translation.get_language(),
                request.get_host(),
            )
            html, until = memo.remember_until(key, compute, now)
        response = self.render(
            request,
            context_overrides={
                "view": view,
                "form": form,
                "event_list": html,
                "feed_query": request.GET.urlencode() if form.is_valid() else "",
            },
        )
        patch_cache_control(
            response, public=True, max_age=timing.seconds_until(until, now, CACHE_SECONDS)
        )
        return response

    # -- Routes

    def route(self, request, path_components):
        """An event in one query (Wagtail's default takes two: the child, then its row)."""
        if self.live and path_components and path_components[0] not in RESERVED_SLUGS:
            event = EventPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if event is None:
                raise Http404
            wagtail_internals.set_parent(event, self)
            return event.route(request, path_components[1:])
        return super().route(request, path_components)

    @path("")
    def upcoming(self, request):
        return self._list(request, "upcoming")

    @path("past/")
    def past(self, request):
        return self._list(request, "past")

    @path("calendar/")
    def calendar_current(self, request):
        today = timezone.localdate()
        return self.calendar(request, today.year, today.month)

    @path("calendar/<int:year>/<int:month>/")
    def calendar(self, request, year, month):
        if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
            raise Http404
        first = datetime.date(year, month, 1)
        after = timing.first_of_next_month(first)
        zone = timezone.get_current_timezone()
        window_start = datetime.datetime.combine(first, datetime.time(), zone)
        # Events in other zones may reach into the month from a day either side.
        events = list(
            self.events()
            .filter(
                starts_at__lt=datetime.datetime.combine(after, datetime.time(), zone)
                + datetime.timedelta(days=1),
                ends_at__gt=window_start - datetime.timedelta(days=1),
            )
            .order_by("starts_at", "pk")
        )
        by_day, month_only = {}, []
        for event in events:
            if event.month_only:
                if event.local_start.date() <= first < event.local_end.date():
                    month_only.append(event)
                continue
            day = event.local_start.date()
            while day <= event.last_local_day:
                if first <= day < after:
                    by_day.setdefault(day, []).append(event)
                day += datetime.timedelta(days=1)
        weeks = [
            [(day, by_day.get(day, []), day.month == month) for day in week]
            for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        ]
        previous = first - datetime.timedelta(days=1)
        context = self.get_context(request)
        context.update(
            view="calendar",
            month=first,
            weeks=weeks,
            month_only=month_only,
            has_events=bool(by_day),
            previous_month=previous if previous.year >= MIN_YEAR else None,
            next_month=after if after.year <= MAX_YEAR else None,
            today=timezone.localdate(),
            weekdays=[datetime.date(2024, 1, day) for day in range(1, 8)],  # Monday first
        )
        return self._cached(TemplateResponse(request, self.calendar_template, context))

    @path("ical/")
    def feed(self, request):
        form = EventFilterForm(request.GET, self.topic_choices())
        if request.GET and not form.is_valid():
            return HttpResponse(
                _("This feed cannot be filtered that way: %(errors)s")
                % {"errors": "; ".join(e for errors in form.errors.values() for e in errors)},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        events = form.apply(self.upcoming_events()).only(*FEED_FIELDS)
        return self._cached(
            calendar_response(
                events,
                request,
                name=self.title,
                filename="events.ics",
                cache_key=(self.get_full_url(request), request.GET.urlencode()),
            )
        )
