"""Useful resources: curated links to other platforms, grouped by what a firm needs."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin, TranslatableMixin, WorkflowMixin
from wagtail.search import index

from msme_platform.core.collation import sorted_by_name
from msme_platform.core.models import ProvenanceMixin

from ..enums import Audience, ResourceNeed
from .common import IndexPage


class Resource(
    WorkflowMixin,
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    ProvenanceMixin,
    index.Indexed,
    models.Model,
):
    """A link visitors follow: goes through "Group review" like a page (core migration 0010)."""

    name = models.CharField(
        _("name"), max_length=255, help_text=_("The tool or platform's own name.")
    )
    organisation = models.CharField(
        _("organisation"),
        max_length=255,
        blank=True,
        help_text=_("Who runs it (agency or partnership)."),
    )
    url = models.URLField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty if the official address has not been checked."),
    )
    description = models.TextField(
        _("what it is for"), help_text=_("One or two sentences, in your own words.")
    )
    need = models.CharField(
        _("need"),
        max_length=20,
        choices=ResourceNeed.choices,
        default=ResourceNeed.LEARN,
        help_text=_("The heading it is listed under."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.BOTH,
        help_text=_("Who the resource is mainly for; the admin's list of resources filters by it."),
    )
    last_checked = models.DateTimeField(_("link last checked"), null=True, blank=True)
    last_status = models.CharField(
        _("result of the last check"), max_length=120, blank=True, editable=False
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("organisation")]),
        FieldPanel("url"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("need"), FieldPanel("audience")]),
        MultiFieldPanel([*ProvenanceMixin.provenance_panels], heading=_("Source and checks")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("need"),
        index.FilterField("audience"),
        index.FilterField("live"),
    ]
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="resource")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="resource",
        for_concrete_model=False,
    )

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("name", "locale")]

    def __str__(self):
        return self.name

    @property
    def revisions(self):
        return self._revisions


class ResourcesPage(IndexPage):
    template = "pages/msme_section/resources_page.html"
    parent_page_types = ["msme_section.MSMESectionPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resources page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["groups"] = self.grouped_resources()
        return context

    def resources(self):
        """Published resources in the page's language, or in the default one until translated."""
        found = sorted_by_name(
            Resource.objects.filter(
                Q(locale_id=self.locale_id) | Q(locale__language_code=settings.LANGUAGE_CODE),
                live=True,
            ),
            lambda resource: resource.name,
        )
        own = [resource for resource in found if resource.locale_id == self.locale_id]
        return own or found

    def grouped_resources(self):
        """``(need label, [resources])`` in the order of ``ResourceNeed``; one query."""
        groups = {need: [] for need in ResourceNeed}
        for resource in self.resources():
            groups.setdefault(resource.need, []).append(resource)
        return [(ResourceNeed(need).label, items) for need, items in groups.items() if items]
