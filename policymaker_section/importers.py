"""Importers for the agreements, provisions, provision categories and Trade Policy Reviews.

They read the CSV formats of ``starter_data/`` (described in its SOURCES.md) through the
shared import layer, so a file is checked whole before anything is written and running it
twice changes nothing. Agreements and reviews are pages: a new or changed record is saved
as a revision and published, exactly as if a delegate had done it in the admin.
"""

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    CSVImporter,
    ImportPlan,
    choice,
    multi,
    partial_date,
    register_importer,
    url,
)

from .enums import AgreementType, CategoryGroup, CoverageVerified

# The CSV's types are WTO RTA-IS style; a digital economy agreement is an EIA.
AGREEMENT_TYPES = {
    **{value: value for value in AgreementType.values},
    "EIA (digital economy agreement)": AgreementType.EIA,
}
# tpr_entries.csv subjects that have a topic in the site's vocabulary (topics.csv).
TPR_SUBJECT_TOPICS = {
    "support programmes": "support-programmes",
    "finance": "access-to-finance",
    "public procurement": "public-procurement",
    "e-commerce": "e-commerce",
    "trade facilitation": "trade-facilitation",
    "innovation": "innovation",
}
TPR_SUBJECTS = [*TPR_SUBJECT_TOPICS, "definition", "export promotion", "other"]
SYMBOL = re.compile(r"WT/TPR/[SG]/\d+(/Rev\.\d+)?(/Corr\.\d+)?")


def yes_no_unknown(value):
    lowered = value.lower()
    if lowered in {"yes", "y", "true", "1"}:
        return True
    if lowered in {"no", "n", "false", "0"}:
        return False
    if lowered == "":
        return None
    raise CellError(
        _("expected yes, no or empty (not verified), found %(value)r") % {"value": value}
    )


def whole_number(value):
    if not value:
        return None
    if not value.isdigit():
        raise CellError(_("expected a whole number, found %(value)r") % {"value": value})
    return int(value)


def year(value):
    if not re.fullmatch(r"\d{4}", value):
        raise CellError(_("expected a year as YYYY, found %(value)r") % {"value": value})
    return int(value)


def optional_year(value):
    return year(value) if value else None


def iso_date(value):
    day, _year = partial_date(value)
    if day is None:
        raise CellError(_("expected a date as YYYY-MM-DD, found %(value)r") % {"value": value})
    return day.isoformat()


def symbol(value):
    if value and not SYMBOL.fullmatch(value):
        raise CellError(
            _("expected a document symbol such as WT/TPR/S/458, found %(value)r") % {"value": value}
        )
    return value


class CountryLookup:
    def countries(self):
        from msme_platform.core.models import Country, countries_for

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


@register_importer("provision_categories")
class ProvisionCategoryImporter(CSVImporter):
    label = "provision categories"
    key = ("code",)
    columns = [
        Column("code", required=True),
        Column("name", required=True),
        Column("group", choice(*CategoryGroup.values), required=True),
        Column("description"),
        Column("source_url", url),
    ]

    @property
    def model(self):
        from .models import ProvisionCategory

        return ProvisionCategory

    def __init__(self, locale=None):
        super().__init__(locale)
        self.position = 0

    def resolve(self, values):
        if not re.fullmatch(r"[A-Z][A-Z0-9_]{0,39}", values["code"]):
            raise CellError(_("use capital letters, digits and underscores only"), "code")
        self.position += 1
        return {**values, "sort_order": self.position}


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


@register_importer("agreements")
class AgreementImporter(PageImporter):
    label = "agreements"
    key = ("code",)
    m2m_fields = ("parties",)
    columns = [
        Column("agreement_id", required=True),
        Column("name", required=True),
        # Agreements known by their full name only (most from the ToTA corpus) have none.
        Column("short_name"),
        Column("type", choice(*AGREEMENT_TYPES), required=True),
        Column("parties", multi(), required=True),
        Column("signature_date", partial_date),
        Column("entry_into_force_date", partial_date),
        Column("status"),
        Column("status_recorded_year", optional_year, optional=True),
        Column("has_sme_chapter", yes_no_unknown),
        Column("sme_chapter_number"),
        Column("sme_chapter_title"),
        Column("wto_rta_id", whole_number),
        Column("source_url", url),
        Column("extra_sources", multi(url)),
        Column("note"),
    ]

    @property
    def model(self):
        from .models import AgreementPage

        return AgreementPage

    @property
    def parent_model(self):
        from .models import AgreementIndexPage

        return AgreementIndexPage

    def key_columns(self):
        return ["agreement_id"]

    def resolve(self, values):
        self.check_parent()
        code = values["agreement_id"]
        if slugify(code) != code:
            raise CellError(_("use lowercase letters, digits and hyphens only"), "agreement_id")
        signature, signature_year = values["signature_date"]
        in_force, in_force_year = values["entry_into_force_date"]
        for column, text, limit in (
            ("name", values["name"], 255),
            ("short_name", values["short_name"], 120),
            ("status", values["status"], 255),
        ):
            if len(text) > limit:
                raise CellError(_("longer than %(limit)s characters") % {"limit": limit}, column)
        return {
            "code": code,
            "title": values["name"],
            "short_name": values["short_name"] or values["name"][:120],
            "agreement_type": AGREEMENT_TYPES[values["type"]],
            "parties": self.resolve_countries(values["parties"], "parties"),
            "signature_date": signature,
            "signature_year": signature_year,
            "entry_into_force_date": in_force,
            "entry_into_force_year": in_force_year,
            "status": values["status"],
            "status_recorded_year": values["status_recorded_year"],
            # Only the status text says so; an agreement with no verified status is not marked.
            "in_force": values["status"].lower().startswith("in force"),
            "has_sme_chapter": values["has_sme_chapter"],
            "sme_chapter_number": values["sme_chapter_number"][:20],
            "sme_chapter_title": values["sme_chapter_title"],
            "wto_rta_id": values["wto_rta_id"],
            "source_url": values["source_url"],
            "extra_sources": "\n".join(values["extra_sources"]),
            "note": values["note"],
        }


@register_importer("provisions")
class ProvisionImporter(CSVImporter):
    """Provisions are rows of their agreement: changed agreements are republished once."""

    label = "provisions"
    key = ("agreement_code", "chapter", "article", "category_code")
    columns = [
        Column("agreement_id", required=True),
        Column("chapter"),
        Column("article"),
        Column("category_code", required=True),
        Column("note", required=True),
        # A short quotation of the treaty text, in the language it is quoted in.
        Column("quotation", optional=True),
        Column("quotation_language", choice("", "en", "fr", "es"), optional=True),
        # "rule-based": assigned from chapter and article titles, shown as provisional.
        Column("category_basis", choice("", "curated", "rule-based"), optional=True),
        Column("source_url", url),
    ]
    written = ("summary", "excerpt", "excerpt_language", "category_provisional", "source_url")

    def __init__(self, locale=None):
        super().__init__(locale)
        from .models import AgreementPage, ProvisionCategory

        self.agreements = {a.code: a for a in AgreementPage.objects.filter(locale=self.locale)}
        self.categories = {c.code: c for c in ProvisionCategory.objects.filter(locale=self.locale)}
        self.positions = {}
        self.touched = set()

    @property
    def model(self):
        from .models import Provision

        return Provision

    def key_columns(self):
        return ["agreement_id"]

    def read(self, source, name=None):
        plan = super().read(source, name)
        return PagePlan(plan.importer, plan.file, plan.rows)

    def resolve(self, values):
        agreement = self.agreements.get(values["agreement_id"])
        if agreement is None:
            raise CellError(
                _("unknown agreement %(code)r: import it in agreements first")
                % {"code": values["agreement_id"]},
                "agreement_id",
            )
        category = self.categories.get(values["category_code"])
        if category is None:
            raise CellError(
                _("unknown category %(code)r: import it in provision_categories first")
                % {"code": values["category_code"]},
                "category_code",
            )
        if values["quotation"] and not values["quotation_language"]:
            raise CellError(
                _("say which language the quotation is in (en, fr or es)"), "quotation_language"
            )
        position = self.positions.get(agreement.code, 0)
        self.positions[agreement.code] = position + 1
        return {
            "agreement_code": agreement.code,
            "chapter": values["chapter"][:255],
            "article": values["article"][:255],
            "category_code": category.code,
            "page": agreement,
            "category": category,
            "summary": values["note"],
            "excerpt": values["quotation"],
            "excerpt_language": values["quotation_language"] if values["quotation"] else "",
            "category_provisional": values["category_basis"] == "rule-based",
            "source_url": values["source_url"],
            "sort_order": position,
        }

    def existing(self):
        return self.model.objects.filter(page__locale=self.locale).select_related(
            "page", "category"
        )

    def key_of_instance(self, obj):
        return (obj.page.code, obj.chapter, obj.article, obj.category.code)

    def diff(self, instance, values):
        # A category a delegate has confirmed stays confirmed when the file is read again.
        if not instance.category_provisional:
            values["category_provisional"] = False
        return [
            name
            for name in (*self.written, "sort_order")
            if getattr(instance, name) != values[name]
        ]

    def save(self, row):
        provision = row.instance or self.model()
        for name in ("page", "chapter", "article", "category", *self.written, "sort_order"):
            setattr(provision, name, row.values[name])
        if provision.pk is None:
            provision.locale = provision.page.locale
        provision.full_clean(validate_unique=False)
        provision.save()
        self.touched.add(provision.page_id)
        return provision

    def publish_touched(self):
        """Record the imported rows in a new revision, so the admin's editor shows them."""
        from .models import AgreementPage

        for page in AgreementPage.objects.filter(pk__in=self.touched):
            page.save_revision().publish()


@register_importer("tpr_entries")
class TPREntryImporter(PageImporter):
    label = "Trade Policy Review entries"
    key = ("code",)
    m2m_fields = ("members", "topics")
    columns = [
        Column("member", multi(), required=True),
        Column("member_name", required=True),
        Column("review_year", year, required=True),
        Column("secretariat_report_symbol", symbol),
        Column("government_report_symbol", symbol),
        Column("meeting_dates", multi(iso_date)),
        Column("msme_topics", multi(choice(*TPR_SUBJECTS))),
        Column("msme_coverage_verified", choice(*CoverageVerified.values), required=True),
        Column("note"),
        Column("source_url", url),
        Column("msme_evidence_url", url),
    ]

    def __init__(self, locale=None):
        super().__init__(locale)
        from msme_platform.core.models import Topic

        self.topics = {t.slug: t for t in Topic.objects.filter(locale=self.locale)}

    @property
    def model(self):
        from .models import TPREntryPage

        return TPREntryPage

    @property
    def parent_model(self):
        from .models import TPRIndexPage

        return TPRIndexPage

    def key_columns(self):
        return ["member"]

    def resolve(self, values):
        self.check_parent()
        members = self.resolve_countries(values["member"], "member")
        code = "-".join(m.iso3.lower() for m in members) + f"-{values['review_year']}"
        topics = [
            self.topics[TPR_SUBJECT_TOPICS[subject]]
            for subject in values["msme_topics"]
            if subject in TPR_SUBJECT_TOPICS and TPR_SUBJECT_TOPICS[subject] in self.topics
        ]
        return {
            "code": code,
            "title": _("%(member)s: Trade Policy Review %(year)s")
            % {"member": values["member_name"], "year": values["review_year"]},
            "members": members,
            "review_year": values["review_year"],
            "meeting_dates": ";".join(values["meeting_dates"]),
            "secretariat_report_symbol": values["secretariat_report_symbol"],
            "government_report_symbol": values["government_report_symbol"],
            "coverage_verified": values["msme_coverage_verified"],
            "topics": topics,
            "msme_topics_reported": ";".join(values["msme_topics"]),
            "note": values["note"],
            "source_url": values["source_url"],
            "msme_evidence_url": values["msme_evidence_url"],
        }
