"""Starter content: the surveys index under the MSME section, one survey and one forum topic.

The survey asks what MSMEs need from this platform; its questions are ours, not facts.
Open and close dates are set relative to the first load; running the loader again changes
nothing.
"""

from datetime import timedelta

from django.utils import timezone

from msme_platform.core.starter import ensure_page

from .enums import SurveyFieldType
from .models import DialogueForumPage, SurveyFormField, SurveyPage

INDEX = {
    "type": "surveys.SurveyIndexPage",
    "slug": "have-your-say",
    "title": "Have your say",
    "summary": "Surveys and business dialogue forums where MSMEs tell the WTO what they need.",
    "intro": (
        "Tell the WTO Informal Working Group on MSMEs what small businesses need: answer "
        "a short survey or join a discussion. The Secretariat reads every contribution."
    ),
}

SURVEY_SLUG = "what-msmes-need-from-this-platform"
SURVEY_QUESTIONS = [
    (SurveyFieldType.COUNTRY, "Where is your business based?", True, "", ""),
    (SurveyFieldType.ENTERPRISE_SIZE, "How large is your business?", True, "", ""),
    (SurveyFieldType.SECTOR, "What is your main sector?", False, "", ""),
    (
        SurveyFieldType.RADIO,
        "Does your business sell goods or services abroad today?",
        True,
        "Yes, regularly\nYes, occasionally\nNot yet, but we plan to\nNo",
        "",
    ),
    (
        SurveyFieldType.CHECKBOXES,
        "Which information would help you most?",
        False,
        "Tariffs and taxes at the border\nProduct rules and standards abroad\n"
        "Customs procedures\nFinance and export support in my country\n"
        "Finding buyers and partners\nE-commerce and digital trade",
        "Tick as many as apply.",
    ),
    (
        SurveyFieldType.SCALE,
        "How easy is it today to find trade information you can rely on?",
        False,
        "",
        "1 means very hard, 5 means very easy.",
    ),
    (
        SurveyFieldType.MULTILINE,
        "What would you like the WTO and its members to know about trading as a small business?",
        False,
        "",
        "Please do not include names or contact details: this answer is read by the "
        "Secretariat and may be quoted without them.",
    ),
]


def _msme_section(home):
    from msme_section.models import MSMESectionPage

    return MSMESectionPage.objects.child_of(home).first()


def load(home, report):
    section = _msme_section(home)
    if section is None:
        return
    index = ensure_page(section, INDEX, report)
    _ensure_survey(index, report)
    _ensure_forum(index, report)


def _ensure_survey(index, report):
    if SurveyPage.objects.child_of(index).filter(slug=SURVEY_SLUG).exists():
        return
    now = timezone.now().replace(second=0, microsecond=0)
    survey = SurveyPage(
        slug=SURVEY_SLUG,
        title="What do MSMEs need from this platform?",
        search_description=(
            "A five-minute survey for micro, small and medium-sized businesses about the "
            "trade information they look for."
        ),
        intro=(
            "<p>This platform is being built for micro, small and medium-sized businesses. "
            "Tell us what you would use it for. The survey takes about five minutes; only the "
            "first two questions and the export question must be answered.</p>"
        ),
        consent_text=(
            "I agree that my answers are stored and read by the WTO Secretariat, and that "
            "counts of answers to choice questions may be published without anything that "
            "identifies me."
        ),
        thank_you_text=(
            "<p>The Secretariat will check the answers and share the counts with the Group.</p>"
        ),
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=90),
        results_public=True,
        retention_days=365,
    )
    for order, (kind, label, required, choices, help_text) in enumerate(SURVEY_QUESTIONS):
        survey.form_fields.add(
            SurveyFormField(
                sort_order=order,
                field_type=kind,
                label=label,
                required=required,
                choices=choices,
                help_text=help_text,
            )
        )
    index.add_child(instance=survey)
    survey.save_revision().publish()
    report(f"page /{SURVEY_SLUG}/: created")


FORUM_SLUG = "finding-trade-information"


def _ensure_forum(index, report):
    if DialogueForumPage.objects.child_of(index).filter(slug=FORUM_SLUG).exists():
        return
    forum = DialogueForumPage(
        slug=FORUM_SLUG,
        title="Where do you look for trade information?",
        search_description=(
            "A discussion among MSMEs, WTO members and the Secretariat about finding "
            "reliable trade information."
        ),
        topic=(
            "<p>When your business wants to sell abroad, where do you look for the rules, "
            "tariffs and procedures that apply? What was hard to find? Questions and "
            "experiences posted here are read by the Secretariat before they appear, and "
            "members of the Group may reply.</p>"
        ),
    )
    index.add_child(instance=forum)
    forum.save_revision().publish()
    report(f"page /{FORUM_SLUG}/: created")
