"""The shared part of the page importers: a row becomes a published child of its index page."""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from msme_platform.core.importing import (
    VERIFIED_COLUMN,
    CSVImporter,
    ImportFileError,
    RowError,
)
from msme_platform.core.models import Country


class PageImporter(CSVImporter):
    """Rows become live pages under the one index page of ``parent_model`` in the locale."""

    parent_model = None
    simple_fields: tuple[str, ...] = ()
    m2m_fields: tuple[str, ...] = ()

    def __init__(self, locale=None, parent=None):
        super().__init__(locale)
        self._parent = parent

    def parent(self, name):
        if self._parent is None:
            self._parent = self.parent_candidates().first()
        if self._parent is None:
            raise ImportFileError(
                [
                    RowError(
                        name,
                        0,
                        "",
                        _("create the %(page)s first: the rows are added below it")
                        % {"page": self.parent_model._meta.verbose_name},
                    )
                ]
            )
        return self._parent

    def parent_candidates(self):
        return self.parent_model.objects.filter(locale=self.locale).order_by("path")

    def read(self, source, name=None):
        plan = super().read(source, name)
        self.parent(plan.file)
        return plan

    def diff(self, instance, values):
        changes = [
            name
            for name in (*self.simple_fields, VERIFIED_COLUMN)
            if name in values and getattr(instance, name) != values[name]
        ]
        for name in self.m2m_fields:
            current = {obj.pk for obj in getattr(instance, name).all()}
            if current != {obj.pk for obj in values[name]}:
                changes.append(name)
        return changes

    def save(self, row):
        page = row.instance
        creating = page is None
        if creating:
            page = self.model(locale=self.locale, slug=self.unique_slug(row.values))
        for name in (*self.simple_fields, VERIFIED_COLUMN):
            if name in row.values:
                setattr(page, name, row.values[name])
        for name in self.m2m_fields:
            setattr(page, name, list(row.values[name]))
        self.before_save(page, row.values)
        if creating:
            self.parent("").add_child(instance=page)
        page.save_revision().publish()
        return page

    def before_save(self, page, values):
        pass

    def unique_slug(self, values):
        base = slugify(self.slug_text(values))[:80].strip("-") or "item"
        siblings = set(Page.objects.child_of(self.parent("")).values_list("slug", flat=True))
        slug, number = base, 2
        while slug in siblings:
            slug, number = f"{base}-{number}", number + 1
        return slug


def countries_by_iso3(locale):
    found = {country.iso3: country for country in Country.objects.filter(locale=locale)}
    if not found:
        found = {
            country.iso3: country for country in Country.objects.filter(locale__language_code="en")
        }
    return found
