"""One event: a page with its dates, livestream, recordings, documents and speakers."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.caching import memo
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin
from msme_platform.core.visibility import public

from .. import timing
from ..api import EventAPIMixin
from ..blocks import DocumentBlock, RecordingBlock, SpeakerBlock
from ..enums import EventStatus, EventType
from ..ical import calendar_response
from .schedule import EventScheduleMixin

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


def validate_zone(value):
    if not timing.is_valid_zone(value):
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Zurich or America/Lima."),
            params={"value": value},
        )


class EventPage(
    EventScheduleMixin, EventAPIMixin, CitableMixin, ProvenanceMixin, RoutablePageMixin, BasePage
):
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
        return calendar_response(
            [self], request, name=self.title, filename=f"{slugify(self.slug)[:60] or 'event'}.ics"
        )
