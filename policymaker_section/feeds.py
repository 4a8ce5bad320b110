"""The section's Atom feeds: its new and updated records, new agreements and their
provisions; and what its records add to the topic and country feeds (``core.feeds``):
Trade Policy Reviews by topic, agreements by party and reviews by member."""

from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _

from msme_platform.core.caching.routing import site_for_request
from msme_platform.core.feeds import (
    ENTRIES,
    PageFeed,
    Subject,
    feed_url,
    page_link,
    register_feed,
    register_record_filter,
    with_atom_links,
)
from msme_platform.core.site_feeds import SectionFeed
from msme_platform.core.sitemaps import served_root_url
from msme_platform.core.visibility import public

from .models import AgreementIndexPage, AgreementPage, PolicymakerSectionPage, Provision
from .provision_pages import provision_path

PROVISION_ENTRIES = 50


class PolicymakerSectionFeed(SectionFeed):
    name = "policymakers"
    section_model = PolicymakerSectionPage


def agreement_index(request):
    index = (
        AgreementIndexPage.objects.live()
        .filter(locale__language_code=translation.get_language())
        .select_related("locale")
        .first()
    )
    if index is None:
        raise Http404
    return index


def live_agreements(locale_id):
    return public(AgreementPage.objects.live().filter(locale_id=locale_id))


class AgreementListFeed(PageFeed):
    """What both agreement feeds share: the agreement list is the page they follow."""

    def subject(self, request, title, description):
        index = agreement_index(request)
        subject = Subject(
            title,
            "",
            description,
            index=index,
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(index, subject, request)
        return subject

    def advertise(self, context):
        if isinstance(context.get("page"), AgreementIndexPage):
            return [(self.feed_title(), feed_url(self.name))]
        return []


class AgreementFeed(AgreementListFeed):
    """Regional trade agreements with MSME provisions, newest first."""

    name = "agreements"

    def feed_title(self):
        return _("New and updated trade agreements with MSME provisions")

    def get_subject(self, request, code):
        return self.subject(
            request,
            self.feed_title(),
            _("Regional trade agreements added to the MSME Platform or updated, newest first."),
        )

    def entries(self, subject, request, now):
        agreements = (
            live_agreements(subject.index.locale_id)
            .select_related("locale")
            .order_by("-last_published_at", "-pk")[:ENTRIES]
        )
        return with_atom_links(agreements, subject, request)

    def item_title(self, agreement):
        if agreement.short_name and agreement.short_name != agreement.title:
            return f"{agreement.title} ({agreement.short_name})"
        return agreement.title

    def item_description(self, agreement):
        return agreement.search_description or agreement.note


class ProvisionFeed(AgreementListFeed):
    """The MSME provisions of the agreements most recently published, with their
    agreement's dates (a provision is published with its agreement)."""

    name = "provisions"

    def feed_title(self):
        return _("New and updated MSME provisions in trade agreements")

    def get_subject(self, request, code):
        return self.subject(
            request,
            self.feed_title(),
            _("MSME provisions of trade agreements added or updated, newest first."),
        )

    def entries(self, subject, request, now):
        index = subject.index
        provisions = list(
            Provision.objects.filter(
                page__in=live_agreements(index.locale_id).values("pk"),
            )
            .select_related("page", "category")
            .order_by("-page__last_published_at", "-page_id", "sort_order", "pk")[
                :PROVISION_ENTRIES
            ]
        )
        # Each entry links to the provision's own, citable page (``provision_pages``).
        agreements = {provision.page_id: provision.page for provision in provisions}
        links = {
            page.pk: page.atom_link
            for page in with_atom_links(list(agreements.values()), subject, request)
        }
        found = []
        for provision in provisions:
            if provision.page_id in links:
                provision.atom_link = provision_path(links[provision.page_id], provision.pk)
                found.append(provision)
        return found

    def item_title(self, provision):
        where = provision.article or provision.chapter or provision.category.name
        return _("%(article)s, %(agreement)s") % {
            "article": where,
            "agreement": provision.page.short_name or provision.page.title,
        }

    def item_description(self, provision):
        return provision.summary

    def item_categories(self, provision):
        return [provision.category.name]

    def item_pubdate(self, provision):
        return provision.page.first_published_at

    def item_updateddate(self, provision):
        return provision.page.last_published_at


register_feed(PolicymakerSectionFeed())
register_feed(AgreementFeed())
register_feed(ProvisionFeed())
register_record_filter("topic", lambda slug: Q(tprentrypage__topics__slug=slug))
register_record_filter(
    "country",
    lambda iso3: Q(agreementpage__parties__iso3=iso3) | Q(tprentrypage__members__iso3=iso3),
)
