"""Cite this: a record as a plain-text citation, CSL-JSON and BibTeX.

Record pages take part through ``CitableMixin`` (the sections add it to their record
types); records that are not pages (an agreement's provisions) register a lookup with
``register(kind, lookup)`` from their app's ``ready()``, and core imports no section app.

A citation says the day the visitor read the record ("accessed"), so a page that shows one
is valid until the site's next midnight at the latest: ``CitableMixin.serve`` gives the
response that ``max-age``, which caps how long the page cache, a browser or a CDN keep it
(``core/headers.py``), as events do with their next state change.
"""

import datetime
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json"
BIBTEX_CONTENT_TYPE = "application/x-bibtex; charset=utf-8"
FORMATS = ("csl-json", "bibtex")
# Who publishes the records: the Group the footer names as their curators.
PUBLISHER = _("WTO Informal Working Group on MSMEs")

_LOOKUPS = {}


@dataclass(frozen=True)
class Citation:
    """What every format of a citation is made from (plain values)."""

    kind: str  # "page", or a kind an app registered
    pk: int
    title: str
    url: str  # absolute and permanent: the record's own address
    issued: datetime.date | None  # the record's last publication
    accessed: datetime.date
    language: str  # the record's language

    @property
    def key(self):
        return f"msme-platform-{self.kind}-{self.pk}"

    @property
    def publisher(self):
        return str(PUBLISHER)

    @property
    def site_name(self):
        return gettext(str(settings.WAGTAIL_SITE_NAME))

    def download_url(self, fmt):
        return reverse("citation", args=[self.kind, self.pk, fmt])

    @property
    def csl_url(self):
        return self.download_url("csl-json")

    @property
    def bibtex_url(self):
        return self.download_url("bibtex")

    @property
    def text(self):
        """The citation in the visitor's language, ready to copy."""
        values = {
            "publisher": self.publisher,
            "title": self.title,
            "site": self.site_name,
            "url": self.url,
            "accessed": formats.date_format(self.accessed, "DATE_FORMAT"),
        }
        if self.issued is None:
            return (
                gettext(
                    "%(publisher)s. “%(title)s”. %(site)s, n.d. %(url)s (accessed %(accessed)s)."
                )
                % values
            )
        values["year"] = self.issued.year
        return (
            gettext(
                "%(publisher)s. “%(title)s”. %(site)s, %(year)s. %(url)s (accessed %(accessed)s)."
            )
            % values
        )

    def csl(self):
        """One CSL-JSON item (the file holds a list of them)."""
        item = {
            "id": self.key,
            "type": "webpage",
            "title": self.title,
            "author": [{"literal": self.publisher}],
            "publisher": self.publisher,
            "container-title": self.site_name,
            "URL": self.url,
            "accessed": _date_parts(self.accessed),
            "language": self.language,
        }
        if self.issued is not None:
            item["issued"] = _date_parts(self.issued)
        return item

    def bibtex(self):
        fields = [
            ("title", f"{{{_bibtex_escape(self.title)}}}"),
            ("author", f"{{{_bibtex_escape(self.publisher)}}}"),
            ("howpublished", _bibtex_escape(self.site_name)),
            ("publisher", _bibtex_escape(self.publisher)),
            ("year", str(self.issued.year) if self.issued else ""),
            ("url", self.url.replace("{", "%7B").replace("}", "%7D")),
            ("urldate", self.accessed.isoformat()),
            ("langid", self.language),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
        return f"@misc{{{self.key},\n{body}\n}}\n"


def _date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}~^\\])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _bibtex_escape(text):
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_REPLACEMENTS.get(m[1], "\\" + m[1]), text)


def today():
    return timezone.localdate()


def seconds_until_tomorrow(now=None):
    """Seconds until the next midnight in the site's time zone (at least one)."""
    now = timezone.localtime(now)
    tomorrow = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time.min, tzinfo=now.tzinfo
    )
    return max(1, int((tomorrow - now).total_seconds()))


def valid_until_tomorrow(response):
    """Cap ``response``'s lifetime at midnight: its "accessed" date is today's."""
    if response.status_code == 200:
        patch_cache_control(response, public=True, max_age=seconds_until_tomorrow())
    return response


def absolute_url(request, url):
    """``url`` on the address the site is served from, as the sitemap gives it."""
    if url.startswith(("http://", "https://")):
        return url
    # Imported here: core.models imports this module while the app registry loads, and routing
    # needs wagtail.views, which looks the Page model up at import.
    from .caching.routing import site_for_request
    from .sitemaps import served_root_url

    site = site_for_request(request)
    root = served_root_url(request, site) if site else f"{request.scheme}://{request.get_host()}"
    return root + url


def for_page(page, request):
    issued = page.last_published_at
    return Citation(
        kind="page",
        pk=page.pk,
        title=page.citation_title,
        url=absolute_url(request, page.get_url(request)),
        issued=timezone.localdate(issued) if issued else None,
        accessed=today(),
        # The URL's language prefix is the page's locale's (i18n_patterns).
        language=get_language(),
    )


class CitableMixin:
    """A record page that offers "Cite this" (``components/cite.html``): the context's
    ``citation``, and its downloads at ``/<lang>/cite/page/<id>/<format>/``."""

    @property
    def citation_title(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["citation"] = for_page(self, request)
        return context

    def serve(self, request, *args, **kwargs):
        return valid_until_tomorrow(super().serve(request, *args, **kwargs))


def register(kind, lookup):
    """``lookup(request, pk)``: the ``Citation`` of a record that is not a page, or 404."""
    _LOOKUPS[kind] = lookup
    return lookup


def _page_citation(request, pk):
    page = Page.objects.live().filter(pk=pk).first()
    if page is None or not issubclass(page.specific_class or Page, CitableMixin):
        raise Http404
    if page.get_view_restrictions().exists():
        raise Http404
    return for_page(page.specific_deferred, request)


register("page", _page_citation)


def download(request, kind, pk, fmt):
    """A record's citation as a CSL-JSON or BibTeX file."""
    lookup = _LOOKUPS.get(kind)
    if lookup is None or fmt not in FORMATS:
        raise Http404
    citation = lookup(request, pk)
    if fmt == "csl-json":
        body = json.dumps([citation.csl()], ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type=f"{CSL_CONTENT_TYPE}; charset=utf-8")
        filename = f"{citation.key}.json"
    else:
        response = HttpResponse(citation.bibtex(), content_type=BIBTEX_CONTENT_TYPE)
        filename = f"{citation.key}.bib"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return valid_until_tomorrow(response)
