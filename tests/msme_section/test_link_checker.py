"""The link checker against a local web server started by the test (never the internet)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command

from msme_section.models import NationalProgrammePage, Resource, StudyPage
from tests.msme_section.factories import ResourceFactory

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def only_local_links(local_server):
    """Blank every stored address so nothing but the local server is contacted."""
    Resource.objects.update(url="")
    NationalProgrammePage.objects.update(link="")
    StudyPage.objects.update(link="")
    return local_server


def test_dead_links_are_reported_and_live_ones_recorded(only_local_links, capsys):
    base = only_local_links
    alive = ResourceFactory(name="Alive", url=f"{base}/ok")
    head_refused = ResourceFactory(name="Head refused", url=f"{base}/no-head")
    gone = ResourceFactory(name="Gone", url=f"{base}/gone")
    unreachable = ResourceFactory(name="Nobody home", url="http://127.0.0.1:9/")
    NationalProgrammePage.objects.filter(pk=NationalProgrammePage.objects.first().pk).update(
        link=f"{base}/missing-programme"
    )
    call_command("check_links", "--timeout", "2")
    out = capsys.readouterr().out
    assert f"DEAD resource 'Gone': {base}/gone (404 Not Found)" in out
    assert "DEAD resource 'Nobody home'" in out and "unreachable" in out
    assert f"{base}/missing-programme (404" in out
    assert "5 link(s) checked, 3 dead." in out
    for resource in (alive, head_refused, gone):
        resource.refresh_from_db()
        assert resource.last_checked is not None
    assert alive.last_status == "200" and head_refused.last_status == "200"
    assert gone.last_status.startswith("404")
    unreachable.refresh_from_db()
    assert unreachable.last_status.startswith("unreachable")


def test_the_command_can_fail_a_scheduled_job(only_local_links):
    ResourceFactory(name="Gone", url=f"{only_local_links}/gone")
    with pytest.raises(CommandError, match="1 dead link"):
        call_command("check_links", "--fail", "--timeout", "2")
