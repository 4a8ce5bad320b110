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
from wagtail.models import GroupSitePermission, Locale, Page, Site

from . import roles
from .importing import IMPORTERS
from .models import SiteSettings

STARTER_DATA = Path(__file__).resolve().parent.parent / "starter_data"

# Import order matters: countries refer to regions.
TAXONOMY_FILES = [
    ("regions", "regions.csv"),
    ("countries", "countries.csv"),
    ("topics", "topics.csv"),
]

# Apps that add their own starter content, in this order, through ``<app>/starter.py``:
# a module with ``load(home, report)`` that builds its index pages with ``ensure_page``
# and imports its data sets through the import layer.
SECTION_APPS = ["msme_section", "policymaker_section", "events", "surveys"]


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
    if name != "body":
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


@transaction.atomic
def load_starter_content(report=print):
    ensure_locales()
    load_taxonomy(report)
    tree = json.loads((STARTER_DATA / "pages.json").read_text(encoding="utf-8"))
    home = _ensure_home(tree["home"], report)
    for spec in tree["children"]:
        ensure_page(home, spec, report)
    for app_label in SECTION_APPS:
        app = apps.get_app_config(app_label)
        if module_has_submodule(app.module, "starter"):
            import_module(f"{app.name}.starter").load(home, report)
    translate_tree(home, report)
    refresh_search_ranking()
    return home


def refresh_search_ranking():
    """Rebalance PostgreSQL title weights after bulk imports.

    The database search backend weighs a title match by the average title length at the
    time each page was indexed, so pages indexed before hundreds of long study, programme
    and agreement titles arrived would otherwise rank below them for the same word. A full
    refresh puts every page on the same footing; other backends have nothing to refresh.
    """
    from wagtail.search.backends import get_search_backend

    index = get_search_backend().get_index_for_model(Page)
    refresh = getattr(index, "_refresh_title_norms", None)
    if refresh is not None:
        refresh(full=True)
