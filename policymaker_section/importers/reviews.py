"""Trade Policy Reviews (tpr_entries.csv) and the MSME subjects they cover."""

from django.utils.translation import gettext as _

from msme_platform.core.importing import (
    Column,
    choice,
    multi,
    register_importer,
    url,
)
from msme_platform.core.models import Topic

from ..enums import CoverageVerified
from ..models import TPREntryPage, TPRIndexPage
from .cells import iso_date, symbol, year
from .pages import PageImporter

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
        self.topics = {t.slug: t for t in Topic.objects.filter(locale=self.locale)}

    @property
    def model(self):
        return TPREntryPage

    @property
    def parent_model(self):
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
