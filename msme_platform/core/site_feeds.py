"""The feeds core serves itself, and the base of every section's feed (``feeds.py``).

New and updated records site-wide (the home page follows it), in one section, about one
topic and about one country or territory. The topic and country feeds gather what the
apps register with ``register_record_filter``; core knows no section's models.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.http import Http404
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from .caching.routing import site_for_request
from .feeds import (
    PageFeed,
    Subject,
    active_language_pages,
    feed_url,
    home_page,
    latest_records,
    page_link,
    record_filters,
    register_feed,
    with_atom_links,
)
from .models import HomePage, Topic
from .models.pages import CountryIndexPage, countries_for
from .sitemaps import served_root_url


class SiteFeed(PageFeed):
    """New and updated records anywhere on the site (advertised on the home page)."""

    name = "new"

    def get_subject(self, request, code):
        home = home_page(request)
        subject = Subject(
            _("New and updated on the MSME Platform"),
            "",
            _("Records added to the MSME Platform or updated, newest first."),
            home=home,
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(home, subject, request)
        return subject

    def entries(self, subject, request, now):
        return with_atom_links(
            latest_records(Page.objects.descendant_of(subject.home)), subject, request
        )

    def advertise(self, context):
        if isinstance(context.get("page"), HomePage):
            return [(_("New and updated on the MSME Platform"), feed_url(self.name))]
        return []


class SectionFeed(PageFeed):
    """New and updated records in one section (the app names its section page type)."""

    section_model = None

    def get_subject(self, request, code):
        section = (
            self.section_model.objects.live()
            .filter(locale__language_code=translation.get_language())
            .select_related("locale")
            .first()
        )
        if section is None:
            raise Http404
        subject = Subject(
            _("New and updated: %(section)s") % {"section": section.title},
            "",
            _("Records added to the section “%(section)s” or updated, newest first.")
            % {"section": section.title},
            section=section,
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(section, subject, request)
        return subject

    def entries(self, subject, request, now):
        return with_atom_links(
            latest_records(Page.objects.descendant_of(subject.section)), subject, request
        )

    def advertise(self, context):
        page = context.get("page")
        if isinstance(page, self.section_model):
            return [
                (_("New and updated: %(section)s") % {"section": page.title}, feed_url(self.name))
            ]
        return []


def _filtered_records(kind, code):
    builds = record_filters(kind)
    if not builds:
        return Page.objects.none()
    matching = active_language_pages().filter(reduce(or_, (build(code) for build in builds)))
    return latest_records(matching.distinct(), signposts=True)


def _form_choice(context, field):
    """The valid value of a listing's filter ``field`` and its label, if it is filtered."""
    form = context.get("form")
    data = getattr(form, "cleaned_data", None)
    if not data or not data.get(field) or field not in form.fields:
        return None
    value = str(data[field])
    label = dict(form.fields[field].choices).get(value)
    return (value, label) if label else None


class TopicFeed(PageFeed):
    """Records about one topic, in every section (``feeds/topics/<slug>/``)."""

    name = "topics"
    takes_code = True

    def get_subject(self, request, code):
        topics = Topic.objects.filter(slug=code)
        topic = (
            topics.filter(locale__language_code=translation.get_language()).first()
            or topics.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )
        if topic is None:
            raise Http404
        subject = Subject(
            _("Topic: %(topic)s") % {"topic": topic.name},
            "",
            _("Records about “%(topic)s” added to the MSME Platform or updated, newest first.")
            % {"topic": topic.name},
            code=topic.slug,
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(home_page(request), subject, request)
        return subject

    def entries(self, subject, request, now):
        return with_atom_links(_filtered_records("topic", subject.code), subject, request)

    def advertise(self, context):
        choice = _form_choice(context, "topic")
        if choice is None:
            return []
        try:
            url = feed_url(self.name, choice[0])
        except NoReverseMatch:
            return []
        return [(_("Topic: %(topic)s") % {"topic": choice[1]}, url)]


class CountryFeed(PageFeed):
    """Records about one country or territory (``feeds/countries/<iso3>/``)."""

    name = "countries"
    takes_code = True

    def get_subject(self, request, code):
        language = translation.get_language()
        index = (
            CountryIndexPage.objects.live()
            .filter(locale__language_code=language)
            .select_related("locale")
            .first()
        )
        country = None
        if index is not None and len(code) == 3:
            country = countries_for(index.locale_id).filter(iso3=code.upper()).first()
        if country is None:
            raise Http404
        subject = Subject(
            _("Country: %(country)s") % {"country": country.name},
            "",
            _("Records about %(country)s added to the MSME Platform or updated, newest first.")
            % {"country": country.name},
            code=country.iso3.lower(),
            root=served_root_url(request, site_for_request(request)),
        )
        subject.link = page_link(index, subject, request) + f"{subject.code}/"
        return subject

    def entries(self, subject, request, now):
        return with_atom_links(_filtered_records("country", subject.code.upper()), subject, request)

    def follow(self, country):
        return [
            (
                _("New and updated records about %(country)s (Atom feed for a feed reader)")
                % {"country": country.name},
                feed_url(self.name, country.iso3.lower()),
                "application/atom+xml",
            )
        ]

    def advertise(self, context):
        country = context.get("country")
        if country is not None and hasattr(country, "iso3"):
            code, name = country.iso3.lower(), country.name
        else:
            choice = _form_choice(context, "country")
            if choice is None:
                return []
            code, name = choice[0].lower(), choice[1]
        try:
            url = feed_url(self.name, code)
        except NoReverseMatch:
            return []
        return [(_("Country: %(country)s") % {"country": name}, url)]


register_feed(SiteFeed())
register_feed(TopicFeed())
register_feed(CountryFeed())
