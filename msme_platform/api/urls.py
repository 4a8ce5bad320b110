"""The API's addresses, outside the language prefixes (``msme_platform/urls.py`` includes them)."""

from django.urls import path

from .openapi import openapi_view
from .views import api_router

urlpatterns = [
    path("api/v2/openapi.json", openapi_view, name="openapi"),
    path("api/v2/", api_router.urls),
]
