"""Aggregated results in the admin, for delegates and the Secretariat.

Delegates see what every survey says in aggregate, published or not, with the same small
count suppression as the public view, and nothing a respondent typed.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Locale

from .models import SurveyPage
from .results import survey_results_for

PERMISSION = "surveys.view_results"


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def results_index(request):
    _check(request)
    surveys = SurveyPage.objects.filter(locale=Locale.get_default()).order_by("-first_published_at")
    rows = [(survey, survey.get_responses().approved().count()) for survey in surveys]
    return TemplateResponse(request, "surveys/admin/results_index.html", {"rows": rows})


def results_detail(request, pk):
    _check(request)
    survey = get_object_or_404(SurveyPage, pk=pk)
    return TemplateResponse(
        request,
        "surveys/admin/results_detail.html",
        {"survey": survey, "results": survey_results_for(survey)},
    )
