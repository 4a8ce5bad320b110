"""What the page importers share: country lookup by ISO code, and publishing each row as a page."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    CSVImporter,
    ImportPlan,
)
from msme_platform.core.models import Country, countries_for


class CountryLookup:
    def countries(self):
        if not hasattr(self, "_countries"):
            found = {c.iso3: c for c in countries_for(self.locale.pk)}
            if not found:
                found = {c.iso3: c for c in Country.objects.all()}
            self._countries = found
        return self._countries

    def resolve_countries(self, codes, column):
        countries = self.countries()
        unknown = [code for code in codes if code not in countries]
        if unknown:
            raise CellError(
                _("unknown country code(s) %(codes)s: import them in countries first")
                % {"codes": ", ".join(unknown)},
                column,
            )
        return [countries[code] for code in codes]


class PagePlan(ImportPlan):
    """Applies the rows, then publishes the pages whose rows changed."""

    def apply(self):
        summary = super().apply()
        self.importer.publish_touched()
        return summary


class PageImporter(CountryLookup, CSVImporter):
    """Rows that are pages below one index page; many-to-many fields compared as sets."""

    parent_model = None
    m2m_fields = ()

    def __init__(self, locale=None):
        super().__init__(locale)
        self.parent = self.parent_model.objects.filter(locale=self.locale).first()

    def read(self, source, name=None):
        plan = super().read(source, name)
        return PagePlan(plan.importer, plan.file, plan.rows)

    def check_parent(self):
        if self.parent is None:
            raise CellError(
                _("there is no %(page)s yet: run load_starter_content first")
                % {"page": self.parent_model._meta.verbose_name}
            )

    def existing(self):
        return self.model.objects.filter(locale=self.locale).prefetch_related(*self.m2m_fields)

    def diff(self, instance, values):
        changes = []
        for name, value in values.items():
            current = getattr(instance, name)
            if name in self.m2m_fields:
                if {obj.pk for obj in current.all()} != {obj.pk for obj in value}:
                    changes.append(name)
            elif current != value:
                changes.append(name)
        return changes

    def save(self, row):
        page = row.instance
        if page is None:
            page = self.model(slug=slugify(row.values["code"]), locale=self.locale)
        for name, value in row.values.items():
            if name in self.m2m_fields:
                getattr(page, name).set(value)
            else:
                setattr(page, name, value)
        if page.pk is None:
            self.parent.add_child(instance=page)
        page.save_revision().publish()
        return page

    def publish_touched(self):
        pass
