from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .enums import ErrorReportStatus
from .models import Country, ErrorReport, Region, SearchSynonym, Topic


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "globe"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "iso3", "region", "wto_status", "is_ldc"]
    list_filter = ["region", "wto_status", "is_ldc", "locale"]
    list_per_page = 50
    search_fields = ["name", "iso3"]
    ordering = ["name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class SearchSynonymViewSet(SnippetViewSet):
    """Groups of terms a search treats as one (``core/search_text.py``), per language."""

    model = SearchSynonym
    icon = "search"
    list_display = ["name", "terms", "locale"]
    list_filter = ["locale"]
    search_fields = ["name", "terms"]
    search_backend_name = None  # a handful of rows: the database's own filtering


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = (CountryViewSet, RegionViewSet, TopicViewSet, SearchSynonymViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Taxonomy")
    menu_name = "taxonomy"


class ErrorReportIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("page", "handled_by")


class ErrorReportEditView(EditView):
    """Whoever changes a report's status is recorded as having handled it."""

    def save_instance(self):
        report = self.form.instance
        if "status" in self.form.changed_data:
            report.handled_by = self.request.user
            report.handled_at = timezone.now()
        instance = super().save_instance()
        if "status" in self.form.changed_data and report.status == ErrorReportStatus.RESOLVED:
            log(instance=instance, action="msme.error_report.resolve", user=self.request.user)
        return instance


class ErrorReportViewSet(ModelViewSet):
    """The Secretariat's queue of error reports from visitors. Every view needs a model
    permission only the Secretariat holds (core migration 0008): reports may carry a
    visitor's e-mail address."""

    model = ErrorReport
    icon = "warning"
    menu_label = _("Error reports")
    menu_name = "error_reports"
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = ErrorReportIndexView
    edit_view_class = ErrorReportEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["status", "note"]
    list_display = ["__str__", "page", "status", "created", "handled_by"]
    list_filter = ["status"]
    list_per_page = 50
    ordering = ["-created"]
