"""Security headers and limits on what a request may make the server read or unpack."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from utblick.core.limits import check_unpacked_size


def directives(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


@pytest.mark.django_db
def test_every_page_has_a_content_security_policy_without_inline_script(client):
    for path in ("/", "/login/", "/en/login/"):
        response = client.get(path, follow=True)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert policy["frame-ancestors"] == ["'none'"], path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_a_body_over_the_limit_is_refused_before_it_is_read(settings):
    settings.REQUEST_MAX_BYTES = 1000
    client = Client()
    response = client.post("/login/", data=b"x" * 5000, content_type="application/octet-stream")
    assert response.status_code == 413
    # The Swedish message names the limit.
    assert "MB" in response.content.decode()
    # A normal sign-in still works.
    assert client.get("/login/").status_code == 200


@pytest.mark.django_db
def test_too_many_form_fields_are_refused(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    data = "&".join(f"f{i}=1" for i in range(200))
    response = client.post("/login/", data=data, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400


def zip_of(size):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * size)
    return SimpleUploadedFile("plan.xlsx", buffer.getvalue())


def test_a_zip_bomb_is_refused_without_unpacking_it():
    bomb = zip_of(50 * 1024 * 1024)  # 50 MB of zeros: about 50 kB packed
    assert bomb.size < 100 * 1024
    with pytest.raises(ValidationError, match="50 MB"):
        check_unpacked_size(bomb, limit=10 * 1024 * 1024)
    assert bomb.tell() == 0


def test_a_normal_spreadsheet_passes_and_is_rewound():
    upload = zip_of(1000)
    check_unpacked_size(upload, limit=10 * 1024 * 1024)
    assert upload.tell() == 0


def test_a_file_that_is_not_a_zip_is_named_as_such():
    with pytest.raises(ValidationError, match="zip"):
        check_unpacked_size(SimpleUploadedFile("plan.xlsx", b"not a zip"), limit=1000)
