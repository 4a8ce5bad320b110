from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import TwoFactorView
from .import_views import ImportView, importers_for
from .reports import UntranslatedPagesReportView
from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


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
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(importers_for(request.user))


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import data"), reverse("msme_import"), icon_name="upload", order=850)


@hooks.register("register_log_actions")
def register_import_log_action(actions):
    actions.register_action("msme.import", _("Import data"), _("Imported a data file"))


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
