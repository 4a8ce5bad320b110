"""A small site for the operations tests: a home page, a survey and an admin, in seconds.

The starter content takes a minute or more to load into PostgreSQL; what the scale-out and
backup tests check (a change published, a session, a rate limit, a file, record counts)
needs only this. Run with Django set up: ``python -m benchmarks.ops_site USER PASSWORD``;
prints ``<home id> <survey path>``.
"""

import sys


def build(username: str, password: str) -> tuple[int, str]:
    from django.contrib.auth import get_user_model
    from wagtail.models import Page, Site

    from msme_platform.core.models import HomePage
    from surveys.enums import SurveyFieldType
    from surveys.models import SurveyFormField, SurveyPage

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="MSME Platform", slug="ops-home", intro="First"))
    Site.objects.update(root_page=home)
    Page.objects.filter(depth=2).exclude(pk=home.pk).delete()
    home.save_revision().publish()
    survey = home.add_child(
        instance=SurveyPage(title="Ops survey", slug="ops-survey", retention_days=30)
    )
    SurveyFormField.objects.create(
        page=survey,
        sort_order=0,
        clean_name="idea",
        label="Your idea",
        field_type=SurveyFieldType.MULTILINE,
        required=True,
    )
    survey.save_revision().publish()
    get_user_model().objects.create_superuser(username, "ops@example.org", password)
    return home.pk, survey.url_path.replace(home.url_path, "/en/", 1)


if __name__ == "__main__":
    import django

    django.setup()
    home_id, survey_path = build(sys.argv[1], sys.argv[2])
    print(home_id, survey_path)
