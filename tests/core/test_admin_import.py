"""Bulk import in the admin: a delegate previews a file, then confirms; bad files write nothing."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import ModelLogEntry

from msme_platform.core import roles
from msme_platform.core.models import Country, ImportRecord

pytestmark = pytest.mark.django_db

HEADER = "iso3,name,wto_status,wto_member_since,region,ldc,verification,source_url,note\r\n"


@pytest.fixture
def delegate(client, django_user_model):
    user = django_user_model.objects.create_user("delegate", "d@example.org", "x" * 20)
    user.groups.add(Group.objects.get(name=roles.DELEGATES))
    client.force_login(user)
    return user


def upload(client, rows, name="countries.csv"):
    data = (HEADER + "".join(row + "\r\n" for row in rows)).encode()
    return client.post(
        "/admin/import/", {"kind": "countries", "file": SimpleUploadedFile(name, data, "text/csv")}
    )


def test_preview_then_confirm_writes_and_records_who_and_when(client, delegate):
    kenya_unchanged = (
        "KEN,Kenya,member,1995-01-01,Africa,no,status and date verified,"
        "https://patidvl.wixsite.com/euwto/members,"
    )
    preview = upload(client, ["QQA,Testland,member,1996,Africa,no,,,", kenya_unchanged])
    html = preview.content.decode()
    assert "1 to create, 0 to update, 1 unchanged" in html
    assert not Country.objects.filter(iso3="QQA").exists()

    token = html.split('name="token" value="', 1)[1].split('"', 1)[0]
    done = client.post("/admin/import/", {"confirm": "1", "token": token}, follow=True)
    assert "countries.csv imported: 1 created, 0 updated, 1 unchanged." in done.content.decode()
    assert Country.objects.filter(iso3="QQA").exists()

    record = ImportRecord.objects.get()
    assert (record.imported_by, record.created, record.unchanged) == (delegate, 1, 1)
    entry = ModelLogEntry.objects.get(action="msme.import")
    assert entry.user == delegate and entry.data["create"] == 1


def test_a_bad_file_shows_each_problem_and_writes_nothing(client, delegate):
    response = upload(client, ["QQB,Badland,member,01/02/1995,Atlantis,maybe,,,"])
    html = response.content.decode()
    assert "has 2 problems. Nothing was imported" in html
    assert "<td>2</td><td>wto_member_since</td>" in html
    assert "<td>2</td><td>ldc</td>" in html
    assert not Country.objects.filter(iso3="QQB").exists()
    assert not ImportRecord.objects.exists()


def test_confirm_without_a_matching_preview_imports_nothing(client, delegate):
    response = client.post("/admin/import/", {"confirm": "1", "token": "forged"}, follow=True)
    assert "That preview has expired" in response.content.decode()
    assert not ImportRecord.objects.exists()


def test_roles_without_permission_to_change_records_cannot_import(client, django_user_model):
    observer = django_user_model.objects.create_user("observer", "o@example.org", "x" * 20)
    observer.groups.add(Group.objects.get(name=roles.OBSERVERS))
    client.force_login(observer)
    refused = client.get("/admin/import/")
    # Wagtail answers a refused admin view by sending the user back to the dashboard.
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert "Import data" not in client.get("/admin/").content.decode()
