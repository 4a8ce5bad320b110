from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import TwoFactorView
from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("two-factor/", TwoFactorView.as_view(), name="msme_two_factor")]


@hooks.register("register_settings_menu_item")
def register_two_factor_menu_item():
    return MenuItem(_("Two-factor sign-in"), reverse("msme_two_factor"), icon_name="key", order=900)
