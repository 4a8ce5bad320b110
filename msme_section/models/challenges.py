"""Challenges and strategies: what stands in a small firm's way, and what helps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from msme_platform.core.caching import memo
from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import BasePage, CitableMixin, ProvenanceMixin, Topic

from .common import IndexPage, public, use_cache


class ChallengePage(CitableMixin, ProvenanceMixin, BasePage):
    template = "pages/msme_section/challenge_page.html"
    parent_page_types = ["msme_section.ChallengeIndexPage"]
    subpage_types = []

    challenge = models.TextField(
        _("the challenge"),
        help_text=_("The problem as a business owner would put it, in one or two sentences."),
    )
    why_it_matters = RichTextField(
        _("why it matters"),
        features=settings.RICH_TEXT_BASIC,
        help_text=_("What it costs a small firm, and why it weighs more on small firms."),
    )
    strategies = RichTextField(
        _("strategies that work"),
        features=settings.RICH_TEXT_FULL,
        help_text=_("Practical steps a firm can take, as a list where possible."),
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("Topics this challenge belongs to; used for filters and related content."),
    )
    related_studies = ParentalManyToManyField(
        "msme_section.StudyPage",
        verbose_name=_("related studies"),
        blank=True,
        related_name="challenges",
        help_text=_("Studies that document the challenge or test a strategy."),
    )
    related_programmes = ParentalManyToManyField(
        "msme_section.NationalProgrammePage",
        verbose_name=_("example programmes"),
        blank=True,
        related_name="challenges",
        help_text=_("National programmes that help with this challenge."),
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("challenge"),
        FieldPanel("why_it_matters"),
        FieldPanel("strategies"),
        MultiFieldPanel(
            [FieldPanel("topics"), FieldPanel("related_studies"), FieldPanel("related_programmes")],
            heading=_("Related"),
        ),
        MultiFieldPanel([*ProvenanceMixin.provenance_panels], heading=_("Source and checks")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("challenge"),
        index.SearchField("why_it_matters"),
        index.SearchField("strategies"),
    ]

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if use_cache(request):
            context.update(
                memo.remember(
                    ("msme_section", "challenge", self.pk, self.latest_revision_id), self.related
                )
            )
        else:
            context.update(self.related())
        return context

    def related(self):
        return {
            "topics": list(self.topics.all()),
            "studies": list(public(self.related_studies.live()).order_by("-year", "title")),
            "programmes": sorted_by_name(
                public(self.related_programmes.live()).select_related("country"),
                lambda programme: f"{programme.country.name}\t{programme.title}",
            ),
            # The Group's thematic sessions on this challenge (events point here).
            "sessions": list(
                public(self.thematic_sessions.live())
                .select_related("locale")
                .order_by("-start_date")
            ),
        }


class ChallengeIndexPage(IndexPage):
    template = "pages/msme_section/challenge_index_page.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = ["msme_section.ChallengePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("challenge index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["challenges"] = public(ChallengePage.objects.child_of(self).live()).order_by("path")
        return context
