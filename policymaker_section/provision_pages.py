"""A provision's own page, under its agreement: ``<agreement>/provisions/<id>/``.

One provision, citable: its agreement, chapter and article, the team's summary in the
page's language, the quotation in the treaty's language, its category (provisional where a
rule assigned it), the source and the agreement's dates as recorded, "Cite this", and the
same provision in the other languages (each language has its own rows, sharing a
``translation_key``). The index's short address (``provisions/<id>/``) redirects here.
"""

from dataclasses import dataclass

from django.http import Http404
from django.utils import timezone, translation
from wagtail.models import Page

from msme_platform.core import citations
from msme_platform.core.caching import memo
from msme_platform.core.links import LINK_FIELDS

TEMPLATE = "pages/policymaker_section/provision_page.html"
ROUTE = "provision"


def provision_path(agreement_url, pk):
    """The address of a provision's page, from its agreement's."""
    from .models import AgreementPage  # here: models/agreements.py imports this module

    return agreement_url + AgreementPage.get_resolver().reverse(ROUTE, pk)


@dataclass(frozen=True)
class ProvisionFacts:
    """What a provision's page shows of it, as plain values (kept in the memo)."""

    pk: int
    translation_key: str
    chapter: str
    article: str
    summary: str
    excerpt: str
    excerpt_language: str
    excerpt_language_name: str
    source_url: str
    category_name: str
    category_provisional: bool
    legal_intensity: str
    legal_intensity_name: str

    @property
    def anchor(self):
        return f"provision-{self.pk}"


def _facts(agreement_id, pk):
    from .models import Provision  # here: models/agreements.py imports this module

    provision = Provision.objects.filter(page_id=agreement_id, pk=pk).select_related("category")
    provision = provision.first()
    if provision is None:
        return None
    return ProvisionFacts(
        pk=provision.pk,
        translation_key=str(provision.translation_key),
        chapter=provision.chapter,
        article=provision.article,
        summary=provision.summary,
        excerpt=provision.excerpt,
        excerpt_language=provision.excerpt_language,
        excerpt_language_name=str(provision.get_excerpt_language_display()),
        source_url=provision.source_url,
        category_name=provision.category.name,
        category_provisional=provision.category_provisional,
        legal_intensity=provision.legal_intensity,
        legal_intensity_name=str(provision.get_legal_intensity_display()),
    )


def facts(agreement, pk):
    """The agreement's provision ``pk`` (``None`` if it has none of that id), kept in the
    memo for the content generation: labels in the visitor's language."""
    return memo.remember(
        ("provision-page", agreement.pk, pk, translation.get_language()),
        lambda: _facts(agreement.pk, pk),
    )


def provision_title(provision):
    return provision.article or provision.chapter


def _translation_urls(translation_key, request):
    """``{language code: URL}`` of the provision's live versions (plain values)."""
    from .models import Provision  # here: models/agreements.py imports this module

    rows = Provision.objects.filter(translation_key=translation_key, page__live=True)
    rows = dict(rows.values_list("page_id", "pk"))
    pages = (
        Page.objects.filter(pk__in=rows)
        .select_related("locale")
        .only(*LINK_FIELDS, "locale__language_code")
    )
    return {
        page.locale.language_code: provision_path(page.get_url(request), rows[page.pk])
        for page in pages
    }


def translation_urls(provision, request):
    return memo.remember(
        ("provision-translations", str(provision.translation_key), request.get_host()),
        lambda: _translation_urls(provision.translation_key, request),
    )


def citation(agreement, provision, request):
    title = provision_title(provision)
    return citations.Citation(
        kind="provision",
        pk=provision.pk,
        title=f"{agreement.title}: {title}" if title else agreement.title,
        url=citations.absolute_url(
            request, provision_path(agreement.get_url(request), provision.pk)
        ),
        issued=timezone.localdate(agreement.last_published_at)
        if agreement.last_published_at
        else None,
        accessed=citations.today(),
        language=translation.get_language(),
    )


def citation_lookup(request, pk):
    """The citation of a live, public agreement's provision (``core.citations``)."""
    from .models import Provision  # here: models/agreements.py imports this module

    provision = Provision.objects.filter(pk=pk, page__live=True).select_related("page").first()
    if provision is None or provision.page.get_view_restrictions().exists():
        raise Http404
    return citation(provision.page, provision, request)


def serve(agreement, request, pk):
    """The provision's page, or 404 for an id that is not one of this agreement's."""
    provision = facts(agreement, pk)
    if provision is None:
        raise Http404
    agreement_url = agreement.get_url(request)
    url = provision_path(agreement_url, provision.pk)
    return agreement.render(
        request,
        template=TEMPLATE,
        context_overrides={
            "provision": provision,
            "agreement_url": agreement_url,
            "provision_title": provision_title(provision),
            "canonical_url": citations.absolute_url(request, url),
            "translation_urls": translation_urls(provision, request),
            "citation": citation(agreement, provision, request),
            "provenance": {
                "pk": agreement.pk,
                "source_url": provision.source_url or agreement.source_url,
                "last_verified": agreement.last_verified,
            },
        },
    )
