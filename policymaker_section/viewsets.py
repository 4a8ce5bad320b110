from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ProvisionCategory


class ProvisionCategoryViewSet(SnippetViewSet):
    model = ProvisionCategory
    icon = "tag"
    menu_label = _("Provision categories")
    list_display = ["name", "code", "group", "sort_order", "locale"]
    list_filter = ["group", "locale"]
    search_fields = ["name", "code"]
    ordering = ["sort_order", "name"]
