"""Hostile uploads through the admin, as a delegate: each is refused with a message.

Images: a decompression bomb (small on disk, huge in pixels), a script renamed .png, an SVG,
an oversized file. Documents: an extension outside the allowlist, an oversized file. The CSV
import: an oversized file and a binary file.
"""

import io
import os
import struct
import zlib

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from msme_platform.core import roles
from msme_platform.core.models import ImportRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def delegate(client, django_user_model):
    user = django_user_model.objects.create_user("uploader", "u@example.org", "x" * 20)
    user.groups.add(Group.objects.get(name=roles.DELEGATES))
    client.force_login(user)
    return user


def png(width, height):
    """A valid greyscale PNG of any size whose pixels are all zero: tiny on disk."""
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()

    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def add_image(client, name, data, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def add_document(client, name, data, content_type="application/octet-stream"):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type),
            "collection": Collection.get_first_root_node().pk,
        },
    )


def refused(response, message):
    assert response.status_code == 200  # the form again, not a redirect to the listing
    assert message in response.content.decode()


def test_a_delegate_can_upload_an_ordinary_image(client, delegate):
    response = add_image(client, "small.png", png(40, 30))
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="small.png").exists()


def test_a_decompression_bomb_is_refused(client, delegate):
    bomb = png(20_000, 20_000)
    assert len(bomb) < 1_000_000  # small on disk: 400 million pixels
    refused(add_image(client, "bomb.png", bomb), "This file has too many pixels")
    assert not get_image_model().objects.filter(title="bomb.png").exists()


def test_a_script_renamed_png_is_refused(client, delegate):
    refused(
        add_image(client, "shell.png", b"<?php system($_GET['c']); ?>"),
        "Upload a valid image.",
    )
    assert not get_image_model().objects.filter(title="shell.png").exists()


def test_svg_images_are_refused(client, delegate):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    refused(add_image(client, "logo.svg", svg, "image/svg+xml"), "Not a supported image format")
    assert not get_image_model().objects.filter(title="logo.svg").exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=50_000)
def test_an_oversized_image_is_refused(client, delegate):
    noisy = io.BytesIO()
    Image.frombytes("L", (400, 400), os.urandom(400 * 400)).save(noisy, "PNG")
    assert len(noisy.getvalue()) > 50_000
    refused(add_image(client, "large.png", noisy.getvalue()), "This file is too big")


def test_the_real_limits_are_set():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "php", "exe"} & set(settings.WAGTAILDOCS_EXTENSIONS)


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "tool.exe", "shell.php"])
def test_documents_outside_the_allowlist_are_refused(client, delegate, name):
    refused(
        add_document(client, name, b"<script>alert(1)</script>"),
        f"File extension \u201c{name.rsplit('.', 1)[1]}\u201d is not allowed.",
    )
    assert not get_document_model().objects.filter(title=name).exists()


def test_an_allowed_document_is_accepted(client, delegate):
    response = add_document(client, "notes.txt", b"Meeting notes", "text/plain")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="notes.txt").exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1000)
def test_an_oversized_document_is_refused(client, delegate):
    refused(add_document(client, "big.pdf", b"%PDF-1.4\n" + b"0" * 5000), "too big")
    assert not get_document_model().objects.filter(title="big.pdf").exists()


def import_file(client, name, data):
    return client.post(
        "/admin/import/", {"kind": "countries", "file": SimpleUploadedFile(name, data, "text/csv")}
    )


def test_the_csv_import_refuses_an_oversized_file(client, delegate):
    response = import_file(client, "countries.csv", b"iso3,name\r\n" + b"x" * (5 * 1024 * 1024))
    refused(response, "The file is larger than 5 MB.")
    assert not ImportRecord.objects.exists()


@pytest.mark.parametrize(
    "data",
    [png(10, 10), b"\xff\xfe\x00\x00binary\x00\x01\x02", b"PK\x03\x04" + bytes(range(256))],
)
def test_the_csv_import_refuses_a_binary_file(client, delegate, data):
    response = import_file(client, "countries.csv", data)
    assert response.status_code == 200
    assert "Nothing was imported" in response.content.decode() or "UTF-8" in (
        response.content.decode()
    )
    assert not ImportRecord.objects.exists()
