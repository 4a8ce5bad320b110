"""Aggregated results: counts of approved answers to choice questions, never free text.

Small counts can point at a person (the only medium-sized firm from one country), so a
survey shows nothing below ``MIN_RESPONSES`` approved responses and every answer
counted fewer than ``MIN_RESPONSES`` times is shown as "fewer than 5", not as a number.
"""

import datetime
from collections import Counter

from django.utils import timezone, translation

from msme_platform.core import wagtail_internals
from msme_platform.core.caching import memo

from .enums import AGGREGATED_TYPES, EnterpriseSize, Sector, SurveyFieldType
from .forms import SCALE_CHOICES, country_choices

MIN_RESPONSES = 5
# Results are recounted at most once a minute per survey and language, so a popular
# results page does not read every response on every request. Responses do not move the
# content generation (``SurveyResponse.page_cache_ignore``): the minute is the bound.
CACHE_SECONDS = 60


def cached_results(page):
    now = timezone.now()
    until = now + datetime.timedelta(seconds=CACHE_SECONDS)
    key = ("survey-results", page.pk, translation.get_language())
    return memo.remember_until(key, lambda: (survey_results_for(page), until), now)[0]


def _options(field, locale_id, country_names):
    kind = field.field_type
    if kind == SurveyFieldType.SCALE:
        return SCALE_CHOICES
    if kind == SurveyFieldType.ENTERPRISE_SIZE:
        return list(EnterpriseSize.choices)
    if kind == SurveyFieldType.SECTOR:
        return list(Sector.choices)
    if kind == SurveyFieldType.COUNTRY:
        return None  # only the countries that answered, named in the visitor's language
    return [(choice, choice) for choice in wagtail_internals.split_choices(field.choices)]


def survey_results_for(page):
    fields = [f for f in page.get_form_fields() if f.field_type in AGGREGATED_TYPES]
    answers = list(page.get_responses().approved().values_list("form_data", flat=True))
    total = len(answers)
    result = {"total": total, "enough": total >= MIN_RESPONSES, "min": MIN_RESPONSES}
    if not result["enough"]:
        result["questions"] = []
        return result
    country_names = None
    if any(f.field_type == SurveyFieldType.COUNTRY for f in fields):
        country_names = dict(country_choices(page.locale_id))
    questions = []
    for field in fields:
        counts = Counter()
        answered = 0
        for data in answers:
            value = data.get(field.clean_name)
            if value in (None, "", []):
                continue
            answered += 1
            counts.update(value if isinstance(value, list) else [value])
        options = _options(field, page.locale_id, country_names)
        if options is None:
            options = sorted(
                ((code, country_names.get(code, code)) for code in counts),
                key=lambda item: str(item[1]),
            )
        rows = []
        for value, label in options:
            count = counts.get(value, 0)
            shown = count >= MIN_RESPONSES or count == 0
            percent = round(100 * count / answered) if answered and shown else None
            rows.append(
                {"label": str(label), "count": count if shown else None, "percent": percent}
            )
        questions.append(
            {
                "id": field.pk,
                "label": field.label,
                "answered": answered,
                "rows": rows,
                "multiple": field.field_type == SurveyFieldType.CHECKBOXES,
            }
        )
    result["questions"] = questions
    return result
