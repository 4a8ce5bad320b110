"""Surveys and business dialogue forums, moderated by the Secretariat.

Surveys are Wagtail form-builder pages so delegates write the questions themselves; each
response is a plain model (not a page) with a moderation status, because responses are
data to moderate and count, never content to publish one by one. Forums are pages (a
topic has prose and a URL); their posts are plain models moderated in the same queue.
Public code reads only ``.approved()`` records.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from msme_platform.core.models import BasePage
from msme_platform.core.visibility import public

from . import views
from .enums import EnterpriseSize, ModerationStatus, SurveyFieldType
from .forms import SurveyFormBuilder, country_choices, display_answer


class ModeratedQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ModerationStatus.APPROVED)

    def waiting(self):
        return self.filter(status=ModerationStatus.NEW)


class ModeratedMixin(models.Model):
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ModerationStatus.choices,
        default=ModerationStatus.NEW,
        db_index=True,
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    client_hash = models.CharField(
        _("client id (hashed)"),
        max_length=40,
        blank=True,
        help_text=_("A keyed hash of the sender's address: the address itself is never stored."),
    )
    form_token = models.CharField(max_length=32, unique=True, null=True, blank=True, editable=False)
    spam_reason = models.CharField(_("why marked as spam"), max_length=40, blank=True)

    class Meta:
        abstract = True

    def moderate(self, status, user):
        self.status = status
        self.moderator = user
        self.moderated_at = timezone.now()
        self.save(update_fields=["status", "moderator", "moderated_at"])


class SurveyIndexPage(BasePage):
    template = "pages/surveys/survey_index_page.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = ["surveys.SurveyPage", "surveys.DialogueForumPage"]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why MSMEs should take part, in one or two sentences."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("survey index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = list(
            public(self.get_children().live())
            .type(SurveyPage, DialogueForumPage)
            .select_related("locale", "content_type")
        )
        survey_type = ContentType.objects.get_for_model(SurveyPage)
        context["surveys"] = [p for p in children if p.content_type_id == survey_type.pk]
        context["forums"] = [p for p in children if p.content_type_id != survey_type.pk]
        return context

    def route(self, request, path_components):
        """The child page as its own type in one query (Wagtail's default takes two)."""
        if path_components:
            slug, *rest = path_components
            child = (
                Page.objects.child_of(self)
                .filter(slug=slug)
                .select_related("surveypage", "dialogueforumpage")
                .first()
            )
            specific = child and (
                getattr(child, "surveypage", None) or getattr(child, "dialogueforumpage", None)
            )
            if specific is not None:
                return specific.route(request, rest)
        return super().route(request, path_components)


class SurveyFormField(AbstractFormField):
    page = ParentalKey("SurveyPage", on_delete=models.CASCADE, related_name="form_fields")
    field_type = models.CharField(
        verbose_name=_("field type"), max_length=20, choices=SurveyFieldType.choices
    )


class SurveyPage(AbstractForm, BasePage):
    template = "pages/surveys/survey_page.html"
    landing_page_template = "pages/surveys/survey_page_landing.html"
    results_template = "pages/surveys/survey_results.html"
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []

    intro = RichTextField(
        _("introduction"),
        features=settings.RICH_TEXT_BASIC,
        blank=True,
        help_text=_("What the survey is about, who should answer and how long it takes."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_(
            "What respondents agree to (how answers are used and kept). When filled in, "
            "respondents must tick a box with this text before they can submit."
        ),
    )
    thank_you_text = RichTextField(
        _("thank-you message"),
        features=settings.RICH_TEXT_BASIC,
        blank=True,
        help_text=_("Shown after a response is received."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Empty: open as soon as published.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Empty: open until you set a date.")
    )
    results_public = models.BooleanField(
        _("publish results"),
        default=False,
        help_text=_(
            "Show counts of approved answers to choice questions to everyone. Free-text "
            "answers are never shown, and results appear only from 5 approved responses."
        ),
    )
    retention_days = models.PositiveIntegerField(
        _("keep responses for (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text=_(
            "After this many days, purge_expired_responses deletes responses never approved "
            "and removes free-text answers and the client id from approved ones."
        ),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Questions")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("results_public"),
                FieldPanel("retention_days"),
            ],
            heading=_("Dates, results and retention"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("survey page")

    # State -------------------------------------------------------------------
    @property
    def state(self):
        now = timezone.now()
        if self.opens_at and now < self.opens_at:
            return "not_open"
        if self.closes_at and now >= self.closes_at:
            return "closed"
        return "open"

    @property
    def is_open(self):
        return self.state == "open"

    # Form building -----------------------------------------------------------
    def get_form_class(self):
        return SurveyFormBuilder(
            self.get_form_fields(), locale_id=self.locale_id, consent_text=self.consent_text
        ).get_form_class()

    def get_submission_class(self):
        return SurveyResponse

    def get_responses(self):
        """Responses to this survey in every language it is offered in."""
        return SurveyResponse.objects.filter(page__translation_key=self.translation_key)

    # Routing: ``results/`` without RoutablePageMixin, whose index route would
    # bypass the form builder's serve() and preview modes.
    def route(self, request, path_components):
        if path_components == ["results"] and self.live:
            return RouteResult(self, kwargs={"view": "results"})
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if kwargs.pop("view", None) == "results":
            return views.survey_results(self, request)
        return views.serve_survey(self, request)


class SurveyResponse(ModeratedMixin, AbstractFormSubmission):
    """One respondent's answers, kept in ``form_data`` under each question's name."""

    # A response never shows on a cached page by itself: results are recounted on their
    # own schedule (results.CACHE_SECONDS), so submissions must not empty the page cache.
    page_cache_ignore = True

    consent = models.BooleanField(_("consent given"), default=False)
    consent_text = models.TextField(_("consent text agreed to"), blank=True)
    country_code = models.CharField(_("country"), max_length=3, blank=True, db_index=True)
    enterprise_size = models.CharField(
        _("enterprise size"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        permissions = [
            ("view_results", _("Can see aggregated survey results (no personal data)")),
        ]
        ordering = ["-submit_time", "-pk"]
        indexes = [models.Index(fields=["page", "status", "submit_time"])]

    def __str__(self):
        return _("Response %(id)s") % {"id": self.pk}

    @cached_property
    def survey(self):
        return self.page.specific_deferred

    def answers(self):
        """``[(question, answer text)]`` in the survey's order."""
        fields = self.survey.get_form_fields()
        return [
            (field.label, display_answer(field, self.form_data.get(field.clean_name)))
            for field in fields
        ]

    def answers_html(self):
        return format_html_join("", "<p><strong>{}</strong><br>{}</p>", self.answers()) or _(
            "(no answers)"
        )

    answers_html.short_description = _("answers")

    def answers_text(self):
        return "\n".join(f"{question}: {answer}" for question, answer in self.answers())

    answers_text.short_description = _("answers")


class DialogueForumPage(BasePage):
    template = "pages/surveys/dialogue_forum_page.html"
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []

    topic = RichTextField(
        _("topic"),
        features=settings.RICH_TEXT_BASIC,
        help_text=_("The question put to MSMEs, and what the Group will do with the answers."),
    )
    is_closed = models.BooleanField(
        _("closed"),
        default=False,
        help_text=_("A closed topic keeps its published posts but accepts no new ones."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("topic"), FieldPanel("is_closed")]
    search_fields = [*BasePage.search_fields, index.SearchField("topic")]

    class Meta:
        verbose_name = _("dialogue forum page")

    def serve(self, request, *args, **kwargs):
        return views.serve_forum(self, request)

    def get_post_class(self):
        """The model of this forum's posts (as ``get_submission_class`` is a survey's)."""
        return ForumPost

    def threads(self):
        """Published posts, oldest first, each with its published replies (two queries)."""
        posts = list(
            ForumPost.objects.approved()
            .filter(page__translation_key=self.translation_key)
            .order_by("created_at", "pk")
        )
        names = {}
        if any(post.country_code for post in posts):
            names = dict(country_choices(self.locale_id))
        replies = {}
        for post in posts:
            post.country_name = names.get(post.country_code, post.country_code)
            if post.parent_id:
                replies.setdefault(post.parent_id, []).append(post)
        threads = []
        for post in posts:
            if not post.parent_id:
                post.published_replies = replies.get(post.pk, [])
                threads.append(post)
        return threads


class ForumPost(ModeratedMixin):
    # Forum pages carry a form (CSRF token) and are never in the page cache.
    page_cache_ignore = True

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("forum"), on_delete=models.CASCADE, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField(_("name or pseudonym"), max_length=80)
    country_code = models.CharField(_("country"), max_length=3, blank=True, db_index=True)
    enterprise_size = models.CharField(
        _("enterprise size"), max_length=10, choices=EnterpriseSize.choices, blank=True
    )
    text = models.TextField(_("text"))
    is_official = models.BooleanField(_("official reply"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, db_index=True)

    objects = ModeratedQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum post")
        verbose_name_plural = _("forum posts")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return _("Post %(id)s by %(name)s") % {"id": self.pk, "name": self.name}
