"""The section's starter content: index pages, then the data sets through the importers,
then the challenge pages and study key figures from their JSON files. Idempotent."""

import json

from wagtail.models import Locale

from msme_platform.core.starter import STARTER_DATA, ensure_page, import_starter_file

from .importers import ProgrammeImporter, ResourceImporter, StudyImporter

# Snippets whose French and Spanish versions come from the starter catalogues.
TRANSLATED_SNIPPETS = ["msme_section.Resource"]


def _read(name):
    return json.loads((STARTER_DATA / name).read_text(encoding="utf-8"))


def load(home, report):
    from msme_section.models import MSMESectionPage
    from policymaker_section.models import PolicymakerSectionPage

    locale = Locale.get_default()
    msme = MSMESectionPage.objects.child_of(home).first()
    policy = PolicymakerSectionPage.objects.child_of(home).first()
    if msme is None or policy is None:
        return
    specs = _read("msme_section_pages.json")
    pages = {spec["type"]: ensure_page(msme, spec, report) for spec in specs["msmes"]}
    policy_pages = {
        spec["type"]: ensure_page(policy, spec, report) for spec in specs["policymakers"]
    }

    import_starter_file(
        ProgrammeImporter(locale, parent=policy_pages["msme_section.ProgrammeIndexPage"]),
        "national_programmes.csv",
        report,
    )
    import_starter_file(
        StudyImporter(locale, parent=pages["msme_section.StudyIndexPage"]), "studies.csv", report
    )
    import_starter_file(ResourceImporter(locale), "resources.csv", report)
    load_key_figures(locale, report)
    load_challenges(msme, locale, report)


def load_key_figures(locale, report):
    from msme_section.models import StudyKeyFigure, StudyPage

    for title, figures in _read("study_key_figures.json")["figures"].items():
        study = StudyPage.objects.filter(locale=locale, title=title).first()
        if study is None:
            continue
        wanted = [{**figure, "source_title": figure.get("source_title", "")} for figure in figures]
        current = [
            {
                "value": figure.value,
                "label": figure.label,
                "year": figure.year,
                "source_title": figure.source_title,
                "source_url": figure.source_url,
            }
            for figure in study.key_figures.all()
        ]
        if current == wanted:
            continue
        study.key_figures = [StudyKeyFigure(**figure) for figure in wanted]
        study.save_revision().publish()
        report(f"key figures of {title!r}: updated")


def load_challenges(msme, locale, report):
    from msme_platform.core.models import Topic
    from msme_section.models import ChallengePage, NationalProgrammePage, StudyPage

    data = _read("challenges.json")
    index = ensure_page(msme, data["index"], report)
    for spec in data["challenges"]:
        values = {
            "title": spec["title"],
            "search_description": spec["summary"],
            "challenge": spec["challenge"],
            "why_it_matters": spec["why_it_matters"],
            "strategies": spec["strategies"],
        }
        relations = {
            "topics": list(Topic.objects.filter(locale=locale, slug__in=spec["topics"])),
            "related_studies": list(
                StudyPage.objects.filter(locale=locale, title__in=spec["studies"])
            ),
            "related_programmes": [
                programme
                for iso3, name in spec["programmes"]
                for programme in NationalProgrammePage.objects.filter(
                    locale=locale, country__iso3=iso3, title=name
                )
            ],
        }
        missing = len(spec["studies"]) - len(relations["related_studies"])
        if missing or len(relations["related_programmes"]) != len(spec["programmes"]):
            raise ValueError(
                f"challenges.json: {spec['slug']} names a study or programme not found"
            )
        page = ChallengePage.objects.child_of(index).filter(slug=spec["slug"]).first()
        if page is None:
            page = ChallengePage(slug=spec["slug"], **values)
            for name, objects in relations.items():
                setattr(page, name, objects)
            index.add_child(instance=page)
            page.save_revision().publish()
            report(f"challenge {spec['slug']}: created")
            continue
        changed = any(getattr(page, name) != value for name, value in values.items()) or any(
            {obj.pk for obj in getattr(page, name).all()} != {obj.pk for obj in objects}
            for name, objects in relations.items()
        )
        if changed:
            for name, value in values.items():
                setattr(page, name, value)
            for name, objects in relations.items():
                setattr(page, name, objects)
            page.save_revision().publish()
            report(f"challenge {spec['slug']}: updated")
