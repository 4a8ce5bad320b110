"""Keep the cached catalogue (see ``catalogue``) in step with what is published."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from msme_platform.core.models import Country, Region, Topic

from .catalogue import invalidate
from .models import AgreementPage, Provision, ProvisionCategory, TPREntryPage


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        invalidate()


def connect():
    page_published.connect(invalidate, dispatch_uid="policymaker-catalogue-published")
    page_unpublished.connect(invalidate, dispatch_uid="policymaker-catalogue-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="policymaker-catalogue-moved")
    post_delete.connect(_page_deleted, dispatch_uid="policymaker-catalogue-page-deleted")
    # Saving a page directly (imports, scripts) does not send page_published.
    for model in (
        AgreementPage,
        TPREntryPage,
        ProvisionCategory,
        Provision,
        Country,
        Region,
        Topic,
    ):
        post_save.connect(
            invalidate, sender=model, dispatch_uid=f"policymaker-catalogue-{model.__name__}"
        )
        post_delete.connect(
            invalidate, sender=model, dispatch_uid=f"policymaker-catalogue-del-{model.__name__}"
        )
