"""The MSME provisions of agreements (rta_provisions.csv), in each agreement's page."""

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    CellError,
    Column,
    CSVImporter,
    choice,
    register_importer,
    url,
)

from ..models import AgreementPage, Provision, ProvisionCategory
from .pages import PagePlan


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
        self.agreements = {a.code: a for a in AgreementPage.objects.filter(locale=self.locale)}
        self.categories = {c.code: c for c in ProvisionCategory.objects.filter(locale=self.locale)}
        self.positions = {}
        self.touched = set()

    @property
    def model(self):
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
        for page in AgreementPage.objects.filter(pk__in=self.touched):
            page.save_revision().publish()
