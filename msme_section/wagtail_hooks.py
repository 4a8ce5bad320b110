from wagtail.snippets.models import register_snippet

from .viewsets import ResourceViewSet

register_snippet(ResourceViewSet)
