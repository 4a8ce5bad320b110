from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import EditorGuideView, StaleRecordsView, TwoFactorView
from .import_views import ImportView, importers_for
from .panels import WaitingForMePanel
from .reports import UntranslatedPagesReportView
from .translation_reviews import TranslationReviewView, header_buttons, listing_buttons
from .viewsets import ErrorReportViewSet, TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_viewset")
def register_error_report_viewset():
    return ErrorReportViewSet("error_reports")


@hooks.register("register_admin_urls")
def register_core_admin_urls():
    return [
        path("two-factor/", TwoFactorView.as_view(), name="msme_two_factor"),
        path("import/", ImportView.as_view(), name="msme_import"),
        path(
            "reports/untranslated-pages/",
            UntranslatedPagesReportView.as_view(),
            name="msme_untranslated_pages",
        ),
        path("reports/stale-records/", StaleRecordsView.as_view(), name="msme_stale_records"),
        path("editor-guide/", EditorGuideView.as_view(), name="msme_editor_guide"),
        path(
            "translation-review/<int:page_id>/",
            TranslationReviewView.as_view(),
            name="msme_translation_review",
        ),
    ]


# wagtail-localize shows translated pages in its own editor, without Wagtail's header menu:
# the page listing's "More" menu carries the button too.
hooks.register("register_page_header_buttons", header_buttons)
hooks.register("register_page_listing_more_buttons", listing_buttons)


@hooks.register("register_admin_menu_item")
def register_editor_guide_menu_item():
    return MenuItem(_("Editor guide"), reverse("msme_editor_guide"), icon_name="help", order=10000)


@hooks.register("register_reports_menu_item")
def register_stale_records_menu_item():
    return MenuItem(
        _("Records to check"), reverse("msme_stale_records"), icon_name="time", order=900
    )


@hooks.register("construct_homepage_panels")
def add_waiting_for_me_panel(request, panels):
    panels.append(WaitingForMePanel(request.user))


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(importers_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import data"), reverse("msme_import"), icon_name="upload", order=850)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action("msme.import", _("Import data"), _("Imported a data file"))
    actions.register_action(
        "msme.error_report.resolve", _("Resolve error report"), _("Resolved an error report")
    )
    actions.register_action("msme.sign_in", _("Sign in"), _("Signed in to the admin"))


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return MenuItem(_("Two-factor sign-in"), reverse("msme_two_factor"), icon_name="key", order=900)


@hooks.register("register_reports_menu_item")
def register_untranslated_pages_report():
    return MenuItem(
        _("Untranslated pages"),
        reverse("msme_untranslated_pages"),
        name="untranslated-pages",
        icon_name="site",
        order=1200,
    )
