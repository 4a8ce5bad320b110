"""The section's shared cache of derived content: filter choices, related records, profiles.

A public page already spends most of its query budget on routing and navigation, so
what every request of a page would query again (the list of countries for a filter, a
study's topics) is kept in the shared cache (Redis in production). Every key carries a
content version, bumped whenever a record the section shows is saved or deleted, so a
change is visible on the next request.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

VERSION_KEY = "msme_section:content-version"
TIMEOUT = 60 * 60


def content_version():
    cache.add(VERSION_KEY, 1, None)
    return cache.get(VERSION_KEY) or 1


def forget(**kwargs):
    """Make every cached entry of the section stale."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def cached(name, compute, *parts):
    key = ":".join(["msme_section", name, str(content_version()), *(str(part) for part in parts)])
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value


def connect_signals():
    from wagtail.signals import page_published, page_unpublished

    from msme_platform.core.models import Country, Region, Topic

    from . import models

    watched = [
        models.NationalProgrammePage,
        models.StudyPage,
        models.StudyKeyFigure,
        models.StudyTag,
        models.BestPracticePage,
        models.BestPracticeSource,
        models.ChallengePage,
        models.Resource,
        Country,
        Region,
        Topic,
    ]
    for model in watched:
        post_save.connect(forget, sender=model, dispatch_uid=f"msme-cache-save-{model.__name__}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"msme-cache-del-{model.__name__}")
    page_published.connect(forget, dispatch_uid="msme-cache-published")
    page_unpublished.connect(forget, dispatch_uid="msme-cache-unpublished")
