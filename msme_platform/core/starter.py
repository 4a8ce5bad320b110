"""Build the starter site from ``starter_data/``: taxonomy through the import layer, then
the page tree. Safe to run again: existing records and pages are updated in place, and a
page is only republished when its content changed.
"""

import json
from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import GroupSitePermission, Locale, Page, Site

from . import roles
from .bulk import deferred_indexes
from .importing import IMPORTERS
from .models import SiteSettings
from .starter_synonyms import load_search_synonyms
from .starter_taxonomy import translate_taxonomy
from .starter_translations import translate_records
from .wagtail_internals import refresh_title_norms

STARTER_DATA = Path(__file__).resolve().parent.parent / "starter_data"

# Import order matters: countries refer to regions.
TAXONOMY_FILES = [
    ("regions", "regions.csv"),
    ("countries", "countries.csv"),
    ("topics", "topics.csv"),
]

# Apps that add their own starter content, in this order, through ``<app>/starter.py``:
# a module with ``load(home, report)`` that builds its index pages with ``ensure_page``
# and imports its data sets through the import layer. It may also name, in
# ``TRANSLATED_SNIPPETS``, the snippet models whose starter records are translated from the
# catalogues in ``translations/`` (see ``starter_translations.py``).
SECTION_APPS = ["msme_section", "policymaker_section", "events", "surveys"]


def section_starters():
    for app_label in SECTION_APPS:
        app = apps.get_app_config(app_label)
        if module_has_submodule(app.module, "starter"):
            yield import_module(f"{app.name}.starter")


def translated_snippets():
    """The snippet models the sections translate from the starter catalogues."""
    labels = [
        label
        for module in section_starters()
        for label in getattr(module, "TRANSLATED_SNIPPETS", ())
    ]
    return [apps.get_model(label) for label in labels]


def default_home():
    """The home page of the default language, or None before the starter content is loaded."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site else None


def import_starter_file(importer, filename, report):
    """Import one file of ``starter_data/`` with ``importer`` and say what changed."""
    summary = importer.read(STARTER_DATA / filename).apply()
    report(
        f"{filename}: {summary['create']} created, {summary['update']} updated, "
        f"{summary['unchanged']} unchanged"
    )
    return summary


def load_taxonomy(report):
    for kind, filename in TAXONOMY_FILES:
        import_starter_file(IMPORTERS[kind](), filename, report)


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def _page_values(spec):
    values = {"title": spec["title"], "search_description": spec.get("summary", "")}
    for name in ("intro", "body", "show_in_menus"):
        if name in spec:
            values[name] = spec[name]
    return values


def _without_ids(data):
    """Stream data minus what Wagtail adds on save (block ids, list item wrappers)."""
    if isinstance(data, list):
        return [_without_ids(item) for item in data]
    if isinstance(data, dict):
        if data.keys() <= {"type", "value", "id"} and "value" in data:
            if data.get("type") == "item":
                return _without_ids(data["value"])
            return {"type": data["type"], "value": _without_ids(data["value"])}
        return {key: _without_ids(value) for key, value in data.items()}
    return data


def _differs(page, name, wanted):
    current = getattr(page, name)
    if not hasattr(current, "stream_block"):
        return current != wanted
    block = current.stream_block
    return _without_ids(block.get_prep_value(current)) != _without_ids(
        block.get_prep_value(block.to_python(wanted))
    )


def ensure_page(parent, spec, report):
    """The child of ``parent`` with ``spec["slug"]``, created or brought up to date.

    ``spec`` holds ``type`` ("app_label.ModelName"), ``slug``, ``title``, ``summary`` and
    any of ``intro``, ``body`` (stream data) and ``show_in_menus``. A page is only
    republished when one of these changed.
    """
    model = apps.get_model(spec["type"])
    values = _page_values(spec)
    page = model.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if page is None:
        page = model(slug=spec["slug"], **values)
        parent.add_child(instance=page)
        page.save_revision().publish()
        report(f"page /{spec['slug']}/: created")
        return page
    changed = False
    for name, value in values.items():
        if _differs(page, name, value):
            setattr(page, name, value)
            changed = True
    if changed:
        page.save_revision().publish()
        report(f"page /{spec['slug']}/: updated")
    return page


def _ensure_home(spec, report):
    home_model = apps.get_model(spec["type"])
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=Locale.get_default())
    )
    home = home_model.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        # Wagtail's install leaves a placeholder "Welcome" page as the site's root.
        placeholder = Page.objects.filter(depth=2, slug="home").exclude(
            content_type__model=home_model._meta.model_name
        )
        for page in placeholder:
            page.delete()
        home = home_model(slug="home", **_page_values(spec))
        root.add_child(instance=home)
        home.save_revision().publish()
        report("home page: created")
    else:
        spec = {**spec, "slug": home.slug}
        ensure_page(root, spec, report)
        home.refresh_from_db()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=str(settings.WAGTAIL_SITE_NAME),
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = str(settings.WAGTAIL_SITE_NAME)
        site.save()
    # Created here rather than on a visitor's first request, which would then write.
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.get_or_create(site=site)
    grant_site_settings(site)
    return home


def grant_site_settings(site):
    """The Secretariat edits the site settings of every site, including one made here
    after the migrations that granted it for the sites that existed then."""
    secretariat = Group.objects.filter(name=roles.SECRETARIAT).first()
    permission = Permission.objects.filter(
        content_type__app_label="core", codename="change_sitesettings"
    ).first()
    if secretariat and permission:
        GroupSitePermission.objects.get_or_create(
            group=secretariat, site=site, permission=permission
        )


def translate_tree(home, report):
    """Give every other language the same tree, as aliases of the English pages.

    An alias follows its source on every publish. Translators replace aliases with real
    translations; until then a French or Spanish visitor keeps a /fr/ or /es/ address and
    the interface in their language.
    """
    for locale in Locale.objects.exclude(pk=home.locale_id):
        for page in [home, *home.get_descendants().specific()]:
            if not page.get_translations().filter(locale=locale).exists():
                page.copy_for_translation(locale, copy_parents=True, alias=True)
                report(f"page {page.url_path} ({locale.language_code}): alias created")


# The fields of a structural page that carry words; everything else is copied as it is.
TRANSLATED_FIELDS = ("title", "search_description", "intro", "body")
# Keys of stream data whose values are never words to translate.
UNTRANSLATED_KEYS = {"type", "id", "level", "url", "source_url", "kind"}


def structure_translations():
    """``{language_code: {English text: translation}}`` from ``translations/structure.json``."""
    data = json.loads((STARTER_DATA / "translations" / "structure.json").read_text("utf-8"))
    return {code: texts for code, texts in data.items() if not code.startswith("_")}


def _texts(value, key=None):
    """Every string worth translating in a field value (stream data included)."""
    if key in UNTRANSLATED_KEYS:
        return
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, key)
    elif isinstance(value, str) and value:
        yield value


def _translated(value, texts, key=None):
    if key in UNTRANSLATED_KEYS:
        return value
    if isinstance(value, dict):
        return {name: _translated(item, texts, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_translated(item, texts, key) for item in value]
    if isinstance(value, str) and value:
        return texts[value]
    return value


def _field_values(page):
    values = {}
    for name in TRANSLATED_FIELDS:
        if not hasattr(page, name):
            continue
        value = getattr(page, name)
        if hasattr(value, "stream_block"):
            value = _without_ids(value.stream_block.get_prep_value(value))
        values[name] = value
    return values


def translate_structure(home, report):
    """Real French and Spanish versions of the structural pages (home, sections, index
    pages, about…), created or converted from an alias.

    A page is translated when every text of it has a translation in
    ``translations/structure.json``; the records (agreements, programmes, events…) come
    from the catalogues through wagtail-localize (``translate_records``). Safe to run
    again: a translation is only republished when its words changed.
    """
    translations = structure_translations()
    sources = [home, *home.get_descendants().specific().order_by("path")]
    for locale in Locale.objects.exclude(pk=home.locale_id):
        texts = translations.get(locale.language_code, {})
        for source in sources:
            values = _field_values(source)
            if any(text not in texts for text in _texts(values)):
                continue
            wanted = _translated(values, texts)
            page = source.get_translation_or_none(locale)
            changed = False
            if page is None:
                page = source.copy_for_translation(locale, copy_parents=True)
                changed = True
            page = page.specific
            if page.alias_of_id:
                ConvertAliasPageAction(page, log_action=None).execute(skip_permission_checks=True)
                page = page.specific_class.objects.get(pk=page.pk)
                changed = True
            for name, value in wanted.items():
                if _differs(page, name, value):
                    setattr(page, name, value)
                    changed = True
            if changed:
                page.save_revision().publish()
                report(f"page {source.url_path} ({locale.language_code}): translated")


def load_starter_content(report=print):
    """Everything in one transaction; the search and reference indexes once, at the end."""
    with deferred_indexes(), transaction.atomic():
        home = _load_starter_content(report)
    refresh_search_ranking()
    return home


def _load_starter_content(report):
    ensure_locales()
    load_taxonomy(report)
    translate_taxonomy(report)
    load_search_synonyms(report)
    tree = json.loads((STARTER_DATA / "pages.json").read_text(encoding="utf-8"))
    home = _ensure_home(tree["home"], report)
    for spec in tree["children"]:
        ensure_page(home, spec, report)
    for module in section_starters():
        module.load(home, report)
    # Real translations first, so that no page is copied as an alias only to be converted;
    # whatever the translations do not cover yet is aliased after them.
    translate_structure(home, report)
    translate_records(home, translated_snippets(), report)
    translate_tree(home, report)
    return home


def refresh_search_ranking():
    """Rebalance PostgreSQL title weights after bulk imports.

    The database search backend weighs a title match by the average title length at the
    time each page was indexed, so pages indexed before hundreds of long study, programme
    and agreement titles arrived would otherwise rank below them for the same word. A full
    refresh puts every page on the same footing; other backends have nothing to refresh.
    """
    from wagtail.search.backends import get_search_backend

    refresh_title_norms(get_search_backend().get_index_for_model(Page))
