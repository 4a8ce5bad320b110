"""Two app servers, one truth: nothing one server keeps on its disk or in its memory is
needed by the other. Two gunicorn instances share one PostgreSQL database, one Redis and
one media location (standing for S3-compatible storage), as behind a load balancer."""

import re
import time

import pytest

from benchmarks import ops

from .conftest import ADMIN

pytestmark = pytest.mark.ops

THANKS = "your answers have been received"


@pytest.fixture(scope="module")
def servers(ops_site):
    """Servers A and B (one worker each: two processes are enough to share nothing)."""
    env = {**ops_site["env"], "SURVEYS_MIN_FILL_SECONDS": "0", "SURVEYS_RATE_LIMIT": "2/3600"}
    started = []
    try:
        for port, name in zip(ops.ports(2, "OPS_TEST_PORTS"), "AB", strict=True):
            started.append(ops.Gunicorn(env, port, workers=1, name=name))
        for server in started:
            server.wait_ready()
        yield [server.port for server in started]
    finally:
        ops.stop_all(started)


def warm(port, path):
    """Until the page comes from the cache. A new site's first request stores records made
    on first use (site settings), which retires what was cached: a few tries are normal."""
    return any(ops.request(port, "GET", path).header("X-Page-Cache") == "hit" for _ in range(5))


def publish_intro(browser, port, home_id, intro):
    """Change the home page's introduction in the admin's edit form and publish it."""
    edit = f"/admin/pages/{home_id}/edit/"
    form = ops.form_fields(browser.get(port, edit).text, "page-edit-form")
    data = [(name, value) for name, value in form if name != "intro"]
    # The admin's JavaScript sends the (empty) body StreamField as a count of its blocks.
    data += [("intro", intro), ("body-count", "0"), ("action-publish", "action-publish")]
    return browser.post(port, edit, data, Referer=f"http://{ops.HOST}:{port}{edit}")


def test_a_change_published_on_one_server_shows_on_both_within_a_second(ops_site, servers):
    a, b = servers
    for port in servers:  # both servers serve the home page from the shared page cache
        assert warm(port, "/en/"), f"/en/ never came from the page cache on {port}"

    editor = ops.Browser()
    assert editor.sign_in(a, *ADMIN).status == 302
    marker = f"Published through server A at {time.time():.3f}"
    published = publish_intro(editor, a, ops_site["home_id"], marker)
    assert published.status == 302, published.text[:2000]

    deadline = time.monotonic() + 1.0
    seen = set()
    while time.monotonic() < deadline and len(seen) < 2:
        seen |= {port for port in servers if marker in ops.request(port, "GET", "/en/").text}
        time.sleep(0.05)
    assert seen == {a, b}, "the change did not show on both servers within a second"


def test_a_session_started_on_one_server_is_valid_on_the_other(servers):
    a, b = servers
    visitor = ops.Browser()
    assert ops.request(b, "GET", "/admin/").status == 302  # signed out: to the login page
    assert visitor.sign_in(a, *ADMIN).status == 302
    dashboard = visitor.get(b, "/admin/")
    assert dashboard.status == 200
    assert "Dashboard" in dashboard.text or "Welcome" in dashboard.text


def submit_survey(port, path, idea):
    respondent = ops.Browser()
    page = respondent.get(port, path)
    data = {
        "csrfmiddlewaretoken": ops.CSRF_RE.search(page.text).group(1),
        "form_token": ops.TOKEN_RE.search(page.text).group(1),
        "website": "",
        "idea": idea,
    }
    return respondent.post(port, path, data)


def test_a_rate_limit_reached_through_one_server_holds_on_the_other(ops_site, servers):
    a, b = servers
    survey = ops_site["survey"]
    for n in range(2):  # the limit for this run: two answers an hour per client
        answer = submit_survey(a, survey, f"idea {n}")
        assert answer.status == 200 and THANKS in answer.text
    refused = submit_survey(b, survey, "one too many, through B")
    assert refused.status == 429
    assert "one too many, through B" in refused.text  # the answer stays on the page
    assert "many answers from your connection" in refused.text


def test_a_file_uploaded_through_one_server_is_served_by_the_other(ops_site, servers):
    a, b = servers
    editor = ops.Browser()
    editor.sign_in(a, *ADMIN)
    add = "/admin/documents/add/"
    form = ops.form_fields(editor.get(a, add).text, "document-add-form") or [
        ("csrfmiddlewaretoken", editor.cookies.get("csrftoken", ""))
    ]
    if not any(name == "csrfmiddlewaretoken" for name, _ in form):
        form.append(("csrfmiddlewaretoken", ops.CSRF_RE.search(editor.get(a, add).text).group(1)))
    data = [(n, v) for n, v in form if n != "title"] + [("title", "Shared minutes")]
    content = f"minutes of {time.time()}\n".encode()
    uploaded = editor.post_multipart(
        a, add, data, {"file": ("minutes.txt", content)}, Referer=f"http://{ops.HOST}:{a}{add}"
    )
    assert uploaded.status == 302, uploaded.text[:2000]
    doc_id = ops.psql(
        ops_site["url"], "SELECT id FROM wagtaildocs_document WHERE title = 'Shared minutes'"
    ).strip()
    served = ops.request(b, "GET", f"/documents/{doc_id}/minutes.txt")
    assert served.status == 200
    assert served.body == content
    assert re.search(r"minutes(_\w+)?\.txt", served.header("Content-Disposition"))
