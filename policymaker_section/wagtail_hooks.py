from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from msme_platform.core.panels import register_waiting_item

from .admin_views import ProvisionCategoriesView, can_edit_pages, provisional_categories_item
from .viewsets import ProvisionCategoryViewSet

register_snippet(ProvisionCategoryViewSet)
register_waiting_item(provisional_categories_item)


@hooks.register("register_admin_urls")
def register_policymaker_admin_urls():
    return [
        path(
            "reports/provision-categories/",
            ProvisionCategoriesView.as_view(),
            name="msme_provision_categories",
        )
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_edit_pages(request.user)


@hooks.register("register_reports_menu_item")
def register_provision_categories_menu_item():
    return EditorsMenuItem(
        _("Provision categories to confirm"),
        reverse("msme_provision_categories"),
        icon_name="tag",
        order=910,
    )
