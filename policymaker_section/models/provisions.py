"""An agreement's MSME provisions (inline rows of its page) and the editable vocabulary of
provision categories (a translatable snippet, reviewed before publishing)."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
)
from wagtail.api import APIField
from wagtail.models import (
    DraftStateMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from msme_platform.core.api_fields import (
    ProvisionURLField,
)
from msme_platform.core.choices import ChoiceLabelsMixin
from msme_platform.core.models import ProvenanceMixin

from .. import provision_pages
from ..enums import CategoryGroup, LegalIntensity

# Languages a treaty text is quoted in: the WTO's three.
# Names as they read in "Quoted from the treaty text, in …" (lower case in French and Spanish).
QUOTATION_LANGUAGES = [
    ("en", pgettext_lazy("language of a quotation", "English")),
    ("fr", pgettext_lazy("language of a quotation", "French")),
    ("es", pgettext_lazy("language of a quotation", "Spanish")),
]


class ProvisionCategory(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    ProvenanceMixin,
    index.Indexed,
    models.Model,
):
    """What an MSME provision does (after WTO staff working paper ERSD-2016-12).

    Its name and description are visitor text, so changes go through "Group review"
    (policymaker migration 0006); visitors only see live categories.
    """

    code = models.CharField(
        _("code"),
        max_length=40,
        help_text=_("A short, stable identifier used in web addresses, exports and imports."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The category's name visitors see and filter by.")
    )
    group = models.CharField(
        _("group"),
        max_length=20,
        choices=CategoryGroup.choices,
        help_text=_("The family of provisions this category belongs to."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences a visitor sees.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first in lists and comparisons.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("group"),
        FieldPanel("description"),
        *ProvenanceMixin.provenance_panels,
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]
    override_translatable_fields = [SynchronizedField("code")]
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="provision_category")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="provision_category",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("provision category")
        verbose_name_plural = _("provision categories")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("code", "locale")]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class Provision(TranslatableMixin, ChoiceLabelsMixin, Orderable):
    """One MSME-related article (or part of one) of an agreement, in one category.

    Translatable so that wagtail-localize offers its summary to translators with the rest
    of the agreement; the chapter, article and quotation are the treaty's own words and
    stay in the treaty's language (``excerpt_language``).
    """

    page = ParentalKey(
        "policymaker_section.AgreementPage", on_delete=models.CASCADE, related_name="provisions"
    )
    chapter = models.CharField(
        _("chapter"),
        max_length=255,
        blank=True,
        help_text=_(
            "Number and title as in the text, e.g. '24 Small and Medium-Sized Enterprises'."
        ),
    )
    article = models.CharField(
        _("article"),
        max_length=255,
        blank=True,
        help_text=_("Number and title as in the text, e.g. '24.1 Information Sharing'."),
    )
    category = models.ForeignKey(
        ProvisionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="provisions",
        help_text=_("What the provision does. Categories are edited under Snippets."),
    )
    legal_intensity = models.CharField(
        _("legal intensity"),
        max_length=20,
        choices=LegalIntensity.choices,
        blank=True,
        help_text=_("Binding ('shall'), best endeavour ('shall endeavour'), or hortatory ('may')."),
    )
    summary = models.TextField(
        _("plain-language summary"),
        help_text=_("What the provision does, in your own words, in one or two sentences."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        blank=True,
        help_text=_("Optional: a short quotation of the text (a sentence or two)."),
    )
    excerpt_language = models.CharField(
        _("language of the excerpt"),
        max_length=8,
        choices=QUOTATION_LANGUAGES,
        blank=True,
        help_text=_("The language the treaty text is quoted in. Quotations are not translated."),
    )
    category_provisional = models.BooleanField(
        _("category provisional"),
        default=False,
        help_text=_(
            "Ticked when the category was assigned by a rule (from chapter and article "
            "titles), not by a person. Visitors see it as provisional: untick it once you "
            "have checked the category against the text."
        ),
    )
    source_url = models.URLField(
        _("source URL"),
        max_length=500,
        blank=True,
        help_text=_("Where the text of this provision can be read."),
    )

    panels = [
        FieldRowPanel([FieldPanel("chapter"), FieldPanel("article")]),
        FieldRowPanel([FieldPanel("category"), FieldPanel("category_provisional")]),
        FieldPanel("legal_intensity"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("excerpt"), FieldPanel("excerpt_language")]),
        FieldPanel("source_url"),
    ]
    api_fields = [
        APIField("chapter"),
        APIField("article"),
        APIField("category", serializer=serializers.CharField(source="category.code")),
        APIField("category_name", serializer=serializers.CharField(source="category.name")),
        APIField("legal_intensity"),
        APIField("summary"),
        APIField("excerpt"),
        APIField("excerpt_language"),
        APIField("category_provisional"),
        APIField("source_url"),
        APIField("permanent_url", serializer=ProvisionURLField()),
    ]
    override_translatable_fields = [
        SynchronizedField("chapter"),
        SynchronizedField("article"),
        SynchronizedField("excerpt"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        indexes = [models.Index(fields=["category", "page"])]
        unique_together = [("translation_key", "locale")]

    def __str__(self):
        return f"{self.article or self.chapter} ({self.category_id})"

    @property
    def anchor(self):
        return f"provision-{self.pk}"

    def page_url(self, request=None):
        """The provision's own page (``provision_pages``)."""
        return provision_pages.provision_path(self.page.get_url(request), self.pk)

    def permanent_url(self, request=None):
        """The short address ``…/provisions/<id>/`` under the agreements' index (agreement
        pages sit right under it, at ``<index>/<slug>/``): it outlives the anchor."""
        agreement_url = self.page.get_full_url(request)
        index_url = agreement_url[: -len(self.page.slug) - 1]
        return f"{index_url}provisions/{self.pk}/"
