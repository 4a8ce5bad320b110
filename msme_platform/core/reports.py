"""Admin report: which pages a French or Spanish visitor still reads in another language.

A page counts as untranslated in a language when that language's copy is an alias of the
source page (it follows the source's words), or when it has no copy there at all. Four
queries however many pages there are.
"""

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from .translation_reviews import unreviewed_translations


def untranslated_pages():
    """For each locale but the default: its untranslated pages, in tree order.

    Each row: ``title``, ``url_path`` and ``id`` of the source page, ``reason`` ("alias" or
    "missing") and, for an alias, ``page_id`` of the alias to open in the editor.
    """
    default = Locale.get_default()
    locales = [locale for locale in Locale.objects.order_by("language_code") if locale != default]
    sources = list(
        Page.objects.filter(locale=default, depth__gt=1)
        .order_by("path")
        .values("id", "title", "url_path", "translation_key")
    )
    copies = {
        (row["translation_key"], row["locale_id"]): row
        for row in Page.objects.exclude(locale=default).values(
            "id", "translation_key", "locale_id", "alias_of_id"
        )
    }
    report = []
    for locale in locales:
        rows = []
        for source in sources:
            copy = copies.get((source["translation_key"], locale.pk))
            if copy is None:
                rows.append({**source, "reason": "missing", "page_id": None})
            elif copy["alias_of_id"]:
                rows.append({**source, "reason": "alias", "page_id": copy["id"]})
        report.append(
            {
                "locale": locale,
                "rows": rows,
                "translated": len(sources) - len(rows),
                "total": len(sources),
            }
        )
    return report


class UntranslatedPagesReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtailadmin/reports/untranslated_pages.html"
    page_title = _("Untranslated pages")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unreviewed = dict(
            unreviewed_translations()
            .order_by()
            .values_list("locale_id")
            .annotate(count=Count("id"))
            .values_list("locale_id", "count")
        )
        languages = untranslated_pages()
        for language in languages:
            language["unreviewed"] = unreviewed.get(language["locale"].pk, 0)
        context["languages"] = languages
        return context
