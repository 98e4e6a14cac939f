from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from utblick.testing import login

from ..models import Project, ProjectDocument
from .factories import TINY_PDF, DocumentFactory
from .helpers import url


def upload(client, home, persona="rep", name="plan.pdf", content=TINY_PDF, **fields):
    project = home.records["public_project"]
    login(client, home.users[persona])
    data = {"title": "Projektplan", "file": SimpleUploadedFile(name, content), **fields}
    return client.post(url("project_document_upload", home.municipality.slug, project.pk), data)


def test_upload_stores_the_document_with_its_public_flag(client, home, media_root):
    response = upload(client, home, is_public="on")
    project = home.records["public_project"]
    assert response.status_code == 302
    assert response["Location"].endswith(url("project_detail", home.municipality.slug, project.pk))
    document = project.documents.get(title="Projektplan")
    assert document.is_public
    stored = Path(media_root) / document.file.name
    assert stored.read_bytes() == TINY_PDF
    assert document.file.name.startswith(f"m{home.municipality.pk}/projectdocument/")
    internal = upload(client, home, title="Intern plan")
    assert internal.status_code == 302
    assert not project.documents.get(title="Intern plan").is_public


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "Files of type “exe” are not accepted."),
        ("fake.pdf", b"<html>not a pdf</html>", "The file does not look like a PDF file."),
        ("plan.pdf", b"", "The submitted file is empty."),
    ],
)
def test_upload_of_a_wrong_file_is_refused(client, home, name, content, message):
    before = ProjectDocument.objects.count()
    response = upload(client, home, name=name, content=content)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["file"])
    assert ProjectDocument.objects.count() == before


@override_settings(UPLOAD_MAX_BYTES=100)
def test_upload_of_a_too_large_file_is_refused(client, home, media_root):
    response = upload(client, home, content=TINY_PDF + b"%" * 100)
    assert response.status_code == 400
    assert "The file is too large" in " ".join(response.context["form"].errors["file"])
    assert not ProjectDocument.objects.filter(title="Projektplan").exists()
    assert not list(Path(media_root).rglob("plan*.pdf"))


def test_upload_without_title_is_refused(client, home):
    response = upload(client, home, title="")
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["This field is required."]


def test_upload_to_another_unit_s_project_is_forbidden(client, home):
    response = upload(client, home, persona="rep_other")
    assert response.status_code == 403
    assert not ProjectDocument.objects.filter(title="Projektplan").exists()


def test_delete_document_removes_record_and_file(
    client, home, media_root, django_capture_on_commit_callbacks
):
    project = home.records["public_project"]
    document = DocumentFactory(project=project, title="Gammal")
    stored = Path(media_root) / document.file.name
    assert stored.exists()
    login(client, home.users["rep"])
    target = url("project_document_delete", home.municipality.slug, project.pk, document.pk)
    assert "Delete the document Gammal?" in client.get(target).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(target)
    assert response.status_code == 302
    assert not ProjectDocument.objects.filter(pk=document.pk).exists()
    assert not stored.exists()


def test_other_unit_cannot_delete_a_document(client, home):
    project, document = home.records["public_project"], home.records["project_document"]
    login(client, home.users["rep_other"])
    target = url("project_document_delete", home.municipality.slug, project.pk, document.pk)
    assert client.post(target).status_code == 403
    assert ProjectDocument.objects.filter(pk=document.pk).exists()


def test_delete_project_after_confirmation(
    client, home, media_root, django_capture_on_commit_callbacks
):
    project = home.records["internal_project"]
    document = DocumentFactory(project=project)
    stored = Path(media_root) / document.file.name
    login(client, home.users["rep"])
    target = url("project_delete", home.municipality.slug, project.pk)
    page = client.get(target)
    assert page.status_code == 200
    assert "Delete the project Intern förstudie?" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(target)
    assert response.status_code == 302
    assert response["Location"].endswith(url("project_list", home.municipality.slug))
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not stored.exists()


def test_reader_and_other_unit_cannot_delete_a_project(client, home):
    project = home.records["internal_project"]
    for persona in ("reader", "rep_other"):
        login(client, home.users[persona])
        response = client.post(url("project_delete", home.municipality.slug, project.pk))
        assert response.status_code == 403
    assert Project.objects.filter(pk=project.pk).exists()
