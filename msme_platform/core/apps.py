from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class CoreConfig(AppConfig):
    name = "msme_platform.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        # Imported here: these modules import models, which exist once the app registry is ready.
        from .auth import log_sign_in
        from .caching import page_cache
        from .translation_reviews import withdraw_review

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(page_cache.on_model_change, dispatch_uid=f"page-cache-{signal}")
        for signal in (page_published, page_unpublished):
            signal.connect(page_cache.purge_listings, dispatch_uid=f"cdn-listings-{signal}")

        page_published.connect(withdraw_review, dispatch_uid="translation-review-withdraw")

        user_logged_in.connect(log_sign_in, dispatch_uid="audit-log-sign-in")

        # The site-wide, topic and country feeds, registered before the apps' own.
        from . import site_feeds  # noqa: F401
