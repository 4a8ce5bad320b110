from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Resource


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link"
    list_display = ["name", "organisation", "need", "audience", "url", "last_status"]
    list_filter = ["need", "audience", "locale"]
    search_fields = ["name", "organisation"]
    ordering = ["name"]
