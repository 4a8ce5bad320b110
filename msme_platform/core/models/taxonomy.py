"""Controlled vocabularies shared by every section: regions, countries, topics.

Plain translatable models (snippets), not pages: they have no URL of their own here and
are linked from pages with ``ParentalManyToManyField``. Their identity across languages
is a stable code (``slug`` or ``iso3``), which the CSV import layer uses as its key.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index

from ..enums import WTOStatus


class ProvenanceMixin(models.Model):
    """Where a record's facts came from, when they were last checked, and by whom.

    Every content record (record pages and the snippets that hold facts) carries these
    fields, so a visitor sees "Source" and "Last checked" and the Secretariat's stale
    records report can find what nobody has checked for a year.
    """

    source_url = models.URLField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_(
            "The official page or document where a visitor can check this information. "
            'Shown to visitors as "Source".'
        ),
    )
    last_verified = models.DateField(
        _("last checked"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone last compared this record with its source. Change it only "
            "when you have checked; leave it empty if nobody has yet."
        ),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who made that check (not shown to visitors)."),
    )

    provenance_panels = [
        FieldPanel("source_url"),
        FieldRowPanel([FieldPanel("last_verified"), FieldPanel("verified_by")]),
    ]

    class Meta:
        abstract = True


# The name this mixin had before it carried the checking date.
SourcedMixin = ProvenanceMixin


class Region(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"), max_length=120, help_text=_("The name visitors see, in this language.")
    )
    slug = models.SlugField(
        _("code"),
        max_length=120,
        help_text=_("A short, stable identifier used in web addresses and imports."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


class Country(TranslatableMixin, ProvenanceMixin, index.Indexed, models.Model):
    iso3 = models.CharField(
        _("code"),
        max_length=3,
        help_text=_("ISO 3166-1 alpha-3 code (EUN for the European Union, as the WTO uses)."),
    )
    name = models.CharField(
        _("name"),
        max_length=120,
        help_text=_("The name as the WTO uses it (e.g. “Chinese Taipei”), in this language."),
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="countries",
        help_text=_("Visitors who filter programmes by region find this country under it."),
    )
    wto_status = models.CharField(
        _("WTO status"),
        max_length=10,
        choices=WTOStatus.choices,
        blank=True,
        help_text=_("Leave empty for a country that is neither a WTO member nor an observer."),
    )
    wto_member_since = models.DateField(
        _("WTO member since (date)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when only the year is known."),
    )
    wto_member_since_year = models.PositiveSmallIntegerField(
        _("WTO member since (year)"), null=True, blank=True
    )
    is_ldc = models.BooleanField(
        _("least-developed country"),
        default=False,
        help_text=_("Tick if the United Nations lists it as a least-developed country."),
    )
    verification = models.CharField(
        _("what was checked"),
        max_length=255,
        blank=True,
        help_text=_("Which of the facts above the source confirms, and which it does not."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Anything a reviewer should know about this record.")
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("iso3")]),
        FieldPanel("region"),
        MultiFieldPanel(
            [
                FieldPanel("wto_status"),
                FieldRowPanel(
                    [FieldPanel("wto_member_since"), FieldPanel("wto_member_since_year")]
                ),
                FieldPanel("is_ldc"),
            ],
            heading=_("WTO"),
        ),
        MultiFieldPanel(
            [
                *ProvenanceMixin.provenance_panels,
                FieldPanel("verification"),
                FieldPanel("note"),
            ],
            heading=_("Source"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("iso3"),
        index.FilterField("wto_status"),
        index.FilterField("is_ldc"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("country or territory")
        verbose_name_plural = _("countries and territories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("iso3", "locale")]

    def __str__(self):
        return self.name

    @property
    def member_since_display(self):
        if self.wto_member_since:
            return self.wto_member_since
        return self.wto_member_since_year


class Topic(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(
        _("name"), max_length=120, help_text=_("The name visitors see, in this language.")
    )
    slug = models.SlugField(
        _("code"),
        max_length=120,
        help_text=_("A short, stable identifier used in web addresses and imports."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences a visitor sees.")
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name
