"""Conferences and workshops: calendar, livestreams, recordings and iCalendar feeds.

Each event is a page (``EventPage``) so delegates edit it with review before publishing
and it gets a stable address; recordings, documents and speakers are inline rows of the
page. ``EventIndexPage`` lists them (upcoming, past, a month calendar) and serves the
iCalendar feeds as routes. The state (upcoming, live, past) is never stored: it is
derived from "now", and every page's HTTP cache lifetime ends at its next state change.
"""

import calendar
import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Min, Q
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core import wagtail_internals
from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin
from msme_platform.core.visibility import public
from msme_platform.core.widgets import FastWidgetsMixin

from . import timing
from .api import EventAPIMixin
from .blocks import DocumentBlock, RecordingBlock, SpeakerBlock
from .embeds import player_url, provider_name
from .enums import DatePrecision, EventState, EventStatus, EventType

CACHE_SECONDS = 60 * 60
# What a feed reads of each event: loading no more keeps a feed of 1,000 events quick.
FEED_FIELDS = (
    "id",
    "path",
    "depth",
    "url_path",
    "locale",
    "translation_key",
    "title",
    "search_description",
    "last_published_at",
    "sequence",
    "event_type",
    "status",
    "start_time",
    "month_only",
    "time_zone",
    "starts_at",
    "ends_at",
    "venue",
    "is_online",
    "livestream_url",
    "registration_url",
)
# The index's own routes: an event cannot take these addresses.
RESERVED_SLUGS = {"past", "calendar", "ical"}
MIN_YEAR, MAX_YEAR = 1990, 2100


def validate_zone(value):
    if not timing.is_valid_zone(value):
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Zurich or America/Lima."),
            params={"value": value},
        )


class EventPage(EventAPIMixin, CitableMixin, ProvenanceMixin, RoutablePageMixin, BasePage):
    template = "pages/events/event_page.html"
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    show_in_whats_new = False  # the home page lists them under "Next events"

    event_type = models.CharField(
        _("type"),
        max_length=20,
        choices=EventType.choices,
        default=EventType.GROUP_MEETING,
        help_text=_("Group meetings and thematic sessions are the Group's own."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        help_text=_(
            "Choose “Cancelled” rather than deleting the page: calendars that subscribed "
            "are then told the event is cancelled."
        ),
    )
    start_date = models.DateField(
        _("start date"), help_text=_("The local date where the event takes place.")
    )
    start_time = models.TimeField(
        _("start time"),
        null=True,
        blank=True,
        help_text=_("Local time in the event's time zone. Leave empty when it is not known."),
    )
    end_date = models.DateField(
        _("end date"),
        null=True,
        blank=True,
        help_text=_("Leave empty for an event on one day."),
    )
    end_time = models.TimeField(
        _("end time"),
        null=True,
        blank=True,
        help_text=_("Local time in the event's time zone; needed when a start time is given."),
    )
    month_only = models.BooleanField(
        _("only the month is known"),
        default=False,
        help_text=_(
            "Tick when the source gives the month but not the day: the site then shows "
            "the month with “date to be confirmed”. The day of the start date is ignored."
        ),
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=timing.DEFAULT_ZONE,
        validators=[validate_zone],
        help_text=_("Where the event takes place (for an online event, where it is hosted)."),
    )
    starts_at = models.DateTimeField(_("starts at"), editable=False, db_index=True)
    ends_at = models.DateTimeField(_("ends at"), editable=False, db_index=True)
    venue = models.CharField(
        _("venue"),
        max_length=255,
        blank=True,
        help_text=_("Building and city, e.g. “WTO, Geneva, Switzerland”. Empty if online only."),
    )
    is_online = models.BooleanField(
        _("online"), default=False, help_text=_("Tick when people can take part online.")
    )
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the event takes place; it then appears on that country's profile."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=255,
        blank=True,
        help_text=_("Who organises it, e.g. “WTO Informal Working Group on MSMEs”."),
    )
    body = RichTextField(
        _("description"),
        blank=True,
        features=settings.RICH_TEXT_FULL,
        help_text=_("The programme and what participants will take away."),
    )
    website_url = models.URLField(
        _("event website"), max_length=500, blank=True, help_text=_("The organiser's page.")
    )
    registration_url = models.URLField(
        _("registration link"),
        max_length=500,
        blank=True,
        help_text=_("Shown until the event ends."),
    )
    livestream_url = models.URLField(
        _("livestream link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Shown prominently while the event is live. A YouTube or Vimeo link is "
            "offered as a player that loads only when the visitor asks."
        ),
    )
    speakers = StreamField(
        [("speaker", SpeakerBlock())],
        blank=True,
        verbose_name=_("speakers"),
        help_text=_("Add speakers once confirmed: name, role and organisation."),
    )
    recordings = StreamField(
        [("recording", RecordingBlock())],
        blank=True,
        verbose_name=_("recordings"),
        help_text=_("Shown first once the event is over."),
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("documents"),
        help_text=_("Programme, slides, reports."),
    )
    topics = ParentalManyToManyField(
        "core.Topic",
        verbose_name=_("topics"),
        blank=True,
        help_text=_("Topics discussed; visitors filter the calendar by them."),
    )
    related_challenges = ParentalManyToManyField(
        "msme_section.ChallengePage",
        verbose_name=_("related challenges"),
        blank=True,
        related_name="thematic_sessions",
        help_text=_("Challenges this session discussed; the challenge pages list it in turn."),
    )
    source_note = models.TextField(
        _("note on the source"),
        blank=True,
        help_text=_("What the source says beyond the facts above, or what was not verified."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar revision"),
        default=0,
        editable=False,
        help_text=_("Raised each time the date, place or status changes, for calendars."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldRowPanel([FieldPanel("event_type"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("month_only"),
                FieldPanel("time_zone", widget=forms.Select(choices=timing.zone_choices)),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue"),
                FieldPanel("country"),
                FieldPanel("is_online"),
                FieldPanel("livestream_url"),
                FieldPanel("registration_url"),
            ],
            heading=_("Where and how to take part"),
        ),
        FieldPanel("organiser"),
        FieldPanel("website_url"),
        FieldPanel("body"),
        FieldPanel("speakers"),
        FieldPanel("recordings"),
        FieldPanel("documents"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_challenges", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [*ProvenanceMixin.provenance_panels, FieldPanel("source_note")],
            heading=_("Source and checks"),
        ),
    ]

    override_translatable_fields = [
        *BasePage.override_translatable_fields,
        SynchronizedField("time_zone"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("event_type"),
        index.FilterField("status"),
        index.FilterField("starts_at"),
        index.FilterField("ends_at"),
    ]

    # Fields a calendar shows: a change to any of them raises ``sequence``.
    CALENDAR_FIELDS = (
        "title",
        "search_description",
        "starts_at",
        "ends_at",
        "time_zone",
        "month_only",
        "venue",
        "is_online",
        "livestream_url",
        "registration_url",
        "status",
    )

    class Meta:
        verbose_name = _("event page")
        ordering = ["starts_at"]

    # -- Dates and state

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is the address of a list of events: choose another.") % {
                "slug": self.slug
            }
        if self.time_zone and not timing.is_valid_zone(self.time_zone):
            if errors:
                raise ValidationError(errors)
            return  # the field's own validator says why
        if self.end_time is not None and self.start_time is None:
            errors["start_time"] = _("Give the start time too, or leave both times empty.")
        if self.start_time is not None and self.end_time is None and not self.month_only:
            errors["end_time"] = _(
                "Give the end time too, so the page can say when the event is live."
            )
        if self.start_date and not errors:
            starts_at, ends_at = self.window()
            if ends_at <= starts_at or (self.end_date and self.end_date < self.start_date):
                field = "end_date" if self.end_date and self.end_date < self.start_date else None
                errors[field or "end_time"] = _(
                    "The event ends before it starts: check the end date and time."
                )
        if errors:
            raise ValidationError(errors)

    def window(self):
        return timing.event_window(
            self.start_date,
            None if self.month_only else self.start_time,
            self.end_date,
            None if self.month_only else self.end_time,
            self.time_zone or timing.DEFAULT_ZONE,
            self.month_only,
        )

    def save(self, *args, **kwargs):
        if self.start_date:
            self.starts_at, self.ends_at = self.window()
        update_fields = kwargs.get("update_fields")
        if self.pk and update_fields is None:
            self._bump_sequence()
        return super().save(*args, **kwargs)

    def _bump_sequence(self):
        stored = (
            EventPage.objects.filter(pk=self.pk).values("sequence", *self.CALENDAR_FIELDS).first()
        )
        if stored is None:
            return
        changed = any(stored[name] != getattr(self, name) for name in self.CALENDAR_FIELDS)
        self.sequence = stored["sequence"] + (1 if changed else 0)

    @property
    def precision(self):
        if self.month_only:
            return DatePrecision.MONTH
        return DatePrecision.TIME if self.start_time else DatePrecision.DAY

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def state(self, now=None):
        now = now or timezone.now()
        if now < self.starts_at:
            return EventState.UPCOMING
        if now >= self.ends_at:
            return EventState.PAST
        # Within a month whose day nobody verified, the event is not known to be on now.
        return EventState.UPCOMING if self.month_only else EventState.LIVE

    def next_change(self, now=None):
        """When the state changes next, or None once the event is past."""
        now = now or timezone.now()
        for moment in (self.starts_at, self.ends_at):
            if moment > now:
                return moment
        return None

    @cached_property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def last_local_day(self):
        """The last day the event covers, in its own zone (the stored end is exclusive)."""
        if self.precision == DatePrecision.TIME:
            return self.local_end.date()
        return (self.local_end - datetime.timedelta(days=1)).date()

    @property
    def livestream_player_url(self):
        return player_url(self.livestream_url)

    @property
    def livestream_provider(self):
        return provider_name(self.livestream_url)

    # -- Serving

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):  # the draft's own topics and challenges
            related = self.related(request)
        else:
            related = memo.remember(
                ("event-related", self.pk, translation.get_language(), request.get_host()),
                lambda: self.related(request),
            )
        context.update(state=self.state(), **related)
        return context

    def related(self, request):
        """Topics and challenges the page shows, as plain values (kept in the memo)."""
        challenges = public(self.related_challenges.live()).select_related("locale")
        return {
            "event_topics": [{"name": topic.name} for topic in self.topics.all()],
            "related_challenges": [
                {"title": challenge.title, "url": challenge.get_url(request)}
                for challenge in challenges.order_by("title")
            ],
        }

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if response.status_code == 200:
            patch_cache_control(
                response,
                public=True,
                max_age=timing.seconds_until(self.next_change(), cap=CACHE_SECONDS),
            )
        return response

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("ical/")
    def ical(self, request):
        from .ical import calendar_response

        return calendar_response(
            [self], request, name=self.title, filename=f"{slugify(self.slug)[:60] or 'event'}.ics"
        )


class EventFilterForm(FastWidgetsMixin, forms.Form):
    """Filters for the lists and feeds; a bad value is reported, never a server error."""

    type = forms.ChoiceField(label=_("Type"), required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.IntegerField(
        label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR
    )

    def __init__(self, data, topics, **kwargs):
        """``topics``: ``(slug, name)`` pairs (``EventIndexPage.topic_choices()``)."""
        super().__init__(data, **kwargs)
        self.fields["type"].choices = [("", _("All types")), *EventType.choices]
        self.fields["topic"].choices = [("", _("All topics")), *topics]

    def apply(self, events):
        if not self.is_valid():
            return events
        data = self.cleaned_data
        if data.get("type"):
            events = events.filter(event_type=data["type"])
        if data.get("topic"):
            events = events.filter(topics__slug=data["topic"])
        if data.get("year"):
            events = events.filter(starts_at__year=data["year"])
        return events


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
        from msme_platform.core.models import Topic

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
        from .ical import calendar_response

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


def next_events(locale_id, count=3, now=None):
    """The next scheduled events in a language, for the home page."""
    return public(
        EventPage.objects.live()
        .filter(locale_id=locale_id, ends_at__gt=now or timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .defer_streamfields()
        .select_related("locale")
        .order_by("starts_at", "pk")
    )[:count]


def next_events_html(request, locale_id):
    """The home page's "Next events" section as HTML, kept in the process memo until the
    content changes or one of the events shown starts (it is then live) or ends."""
    now = timezone.now()

    def compute():
        events = list(next_events(locale_id, now=now))
        html = render_to_string("components/events/next_events.html", {"events": events}, request)
        moments = [event.starts_at for event in events if event.starts_at > now]
        moments += [event.ends_at for event in events]
        return html, min(moments, default=None)

    if getattr(request, "is_preview", False):
        return compute()[0]
    key = ("next-events", locale_id, translation.get_language(), request.get_host())
    return memo.remember_until(key, compute, now)[0]
