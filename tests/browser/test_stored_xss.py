"""Script payloads saved in every visitor-visible text field stay inert on every public page.

Every text, rich text and URL field of every model in the project's apps (pages, snippets,
taxonomy, provisions, survey questions, forum posts) is overwritten through the ORM with
payloads, as a careless or malicious editor could type them; then one page of each public
type, and its listings and sub-routes, is opened in Chromium. A payload that ran would open
a dialog; one that was inserted as markup would show as a script element, an ``on…``
attribute or a ``javascript:`` link, or (since the Content Security Policy blocks inline
code) as a CSP violation in the console. None may happen.
"""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.fields import RichTextField
from wagtail.models import Page

from surveys.models import DialogueForumPage, ForumPost, ModerationStatus

pytestmark = pytest.mark.browser

PAYLOAD = "<script>alert('s')</script><img src=x onerror=alert('i')>\"'><svg onload=alert(1)>"
SHORT = "<img src=x onerror=alert(1)>"
# Passes URLValidator (as the admin and the importers check it), so it can be saved.
URL_PAYLOAD = 'https://example.org/?a="><img%20src=x%20onerror=alert(1)>&b="onfocus="alert(2)'
APPS = ("core", "msme_section", "policymaker_section", "events", "surveys")
PAGE_FIELDS = {"title", "seo_title", "search_description"}
SKIP = {
    "time_zone",
    "slug",
    "clean_name",
    "form_token",
    "client_hash",
    "iso3",
    "country_code",
    "spam_reason",
}


def text_fields(model):
    keys = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        keys.update(getattr(constraint, "fields", ()))
    for field in model._meta.concrete_fields:
        if field.name in keys:
            continue
        if field.model is Page and field.name not in PAGE_FIELDS:
            continue
        if field.choices or field.name in SKIP or field.primary_key or field.unique:
            continue
        if isinstance(field, (models.SlugField, models.EmailField)):
            continue
        if isinstance(field, (models.CharField, models.TextField)):
            yield field


def payload_for(field, pk):
    """What an editor could store: URL fields are validated and rich text is cleaned by
    Wagtail's whitelist on the way in (admin forms and importers alike); plain text fields
    keep whatever is typed."""
    if isinstance(field, models.URLField):
        field.run_validators(URL_PAYLOAD)
        return URL_PAYLOAD
    value = f"{PAYLOAD} {pk}"
    if isinstance(field, RichTextField):
        return EditorHTMLConverter().to_database_format(f"<p>{value}</p>")
    if field.max_length and len(value) > field.max_length:
        value = SHORT[: field.max_length]
    return value


def plant_payloads():
    """Overwrite every visitor-visible text field (a sample of rows of each model)."""
    planted = 0
    for config in apps.get_app_configs():
        if config.label not in APPS:
            continue
        for model in config.get_models():
            fields = list(text_fields(model))
            if not fields or model._meta.abstract:
                continue
            for pk in model._base_manager.order_by("pk").values_list("pk", flat=True)[:40]:
                values = {field.name: payload_for(field, pk) for field in fields}
                own = {k: v for k, v in values.items() if k not in PAGE_FIELDS}
                if own:
                    model._base_manager.filter(pk=pk).update(**own)
                shared = {k: v for k, v in values.items() if k in PAGE_FIELDS}
                if shared:
                    Page.objects.filter(pk=pk).update(**shared)
                planted += len(values)
    forum = DialogueForumPage.objects.live().filter(locale__language_code="en").first()
    post = ForumPost.objects.create(
        page=forum, name=SHORT, text=PAYLOAD, status=ModerationStatus.APPROVED
    )
    ForumPost.objects.create(
        page=forum, parent=post, name=SHORT, text=PAYLOAD, status=ModerationStatus.APPROVED
    )
    return planted


def public_urls():
    pages = {}
    for page in Page.objects.live().public().filter(locale__language_code="en").specific():
        pages.setdefault(type(page).__name__, page.url)
    urls = [url for url in pages.values() if url]
    events = pages["EventIndexPage"]
    agreements = pages["AgreementIndexPage"]
    return [
        *urls,
        f"{events}calendar/",
        f"{events}past/",
        f"{agreements}provisions/",
        f"{agreements}compare/?a=cptpp&a=usmca",
        f"{pages['CountryIndexPage']}ken/",
        f"{pages['SearchPage']}?q=alert",
        f"{pages['SurveyPage']}results/",
        "/fr/",
        "/en/no-such-page/",
    ]


def test_javascript_links_cannot_be_saved_in_any_url_field(db):
    checked = 0
    for config in apps.get_app_configs():
        if config.label in APPS:
            for model in config.get_models():
                for field in text_fields(model):
                    if isinstance(field, models.URLField):
                        with pytest.raises(ValidationError):
                            field.run_validators("javascript:alert(1)")
                        checked += 1
    assert checked >= 5


def test_script_payloads_saved_everywhere_stay_inert(site, browser):
    planted = plant_payloads()
    assert planted > 500
    urls = public_urls()
    dialogs, violations = [], []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    injected = {}
    for url in urls:
        page.goto(site.url + url)
        found = page.evaluate(
            """() => {
              const bad = [];
              for (const s of document.scripts) {
                const ours = s.src && new URL(s.src).pathname.startsWith('/static/');
                if (!ours) bad.push(s.outerHTML.slice(0, 80));
              }
              for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                  if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
                  const link = /^\\s*javascript:/i.test(a.value);
                  if (link) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
                }
              }
              return bad;
            }"""
        )
        if found:
            injected[url] = found[:5]
    page.close()
    assert not dialogs, dialogs
    assert not injected, "\n".join(f"{url}: {found}" for url, found in injected.items())
    assert not violations, violations
    print(f"\nstored XSS: {planted} field values planted, {len(urls)} pages opened, all inert")
