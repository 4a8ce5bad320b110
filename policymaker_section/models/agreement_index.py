"""The agreements list, with the provisions explorer, the comparison and the open-data
exports as its routes."""

from django.db import models
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from msme_platform.core.models import BasePage
from msme_platform.core.open_data import datapackage as build_datapackage

from .. import explorer, exports
from .agreements import AgreementPage
from .child_route import ChildRouteMixin
from .provisions import Provision


class AgreementIndexPage(ChildRouteMixin, RoutablePageMixin, BasePage):
    """The agreements, the provisions explorer, comparison and open-data exports.

    Sub-routes rather than pages: they are views of the same records with other filters.
    """

    template = "pages/policymaker_section/agreement_index_page.html"
    parent_page_types = ["policymaker_section.PolicymakerSectionPage"]
    subpage_types = ["policymaker_section.AgreementPage"]
    max_count_per_parent = 1

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("A sentence or two above the list: what the agreements database holds."),
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("agreement index page")

    @property
    def child_model(self):
        return AgreementPage

    def agreements(self):
        return AgreementPage.objects.live().filter(locale_id=self.locale_id)

    def provisions(self):
        return Provision.objects.filter(page__live=True, page__locale_id=self.locale_id)

    @path("")
    def index(self, request):
        context = explorer.agreement_context(self, request)
        return self.render(request, context_overrides=context)

    @path("provisions/")
    def provision_explorer(self, request):
        context = explorer.provision_context(self, request)
        return self.render(
            request,
            context_overrides=context,
            template="pages/policymaker_section/provision_explorer.html",
        )

    @path("provisions/<int:pk>/")
    def provision_permalink(self, request, pk):
        provision = get_object_or_404(self.provisions().select_related("page"), pk=pk)
        return HttpResponseRedirect(provision.page_url(request))

    @path("compare/")
    def compare(self, request):
        context = explorer.compare_context(self, request)
        return self.render(
            request,
            context_overrides=context,
            template="pages/policymaker_section/agreement_compare.html",
        )

    @path("export/<slug:fmt>/")
    def export_agreements(self, request, fmt):
        return exports.export_agreements(self, request, fmt)

    @path("provisions/export/<slug:fmt>/")
    def export_provisions(self, request, fmt):
        return exports.export_provisions(self, request, fmt)

    @path("open-data/")
    def open_data(self, request):
        return self.render(
            request,
            context_overrides={
                "agreement_columns": exports.AGREEMENT_COLUMNS,
                "provision_columns": exports.PROVISION_COLUMNS,
                "tpr_columns": exports.TPR_COLUMNS,
            },
            template="pages/policymaker_section/open_data.html",
        )

    @path("open-data/datapackage/")
    def datapackage(self, request):
        """Every download as a Frictionless data package (a dot-free route: Wagtail's page
        URLs take none; the file is named datapackage.json)."""
        response = JsonResponse(
            build_datapackage(request),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
        response["Content-Disposition"] = 'inline; filename="datapackage.json"'
        response["Access-Control-Allow-Origin"] = "*"
        return response
