from wagtail.snippets.models import register_snippet

from .viewsets import ProvisionCategoryViewSet

register_snippet(ProvisionCategoryViewSet)
