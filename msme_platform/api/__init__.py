"""The read-only public API: Wagtail's API v2 at ``/api/v2/`` and its OpenAPI description.

Project level, beside ``urls.py``, not in core: it serves every app's record pages, but
it finds them only through Wagtail's page model registry and the attributes each model
declares (``core/api_fields.py``), so it imports no section app either.
"""
