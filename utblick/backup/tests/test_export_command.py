"""``manage.py export_all`` speaks Swedish, as the product does: what it wrote, and a
municipality or folder it cannot find before it reads anything."""

import pytest
from django.core.management import CommandError, call_command

from utblick.security.models import AuditEvent

pytestmark = pytest.mark.django_db


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("export_all", *args, verbosity=0)
    return str(caught.value)


def test_an_unknown_municipality_or_folder_is_named_in_swedish(tmp_path):
    assert refused(str(tmp_path / "a.zip"), "--municipality", "9999") == (
        "Ingen kommun har SCB-koden eller namnet i webbadressen ”9999”."
    )
    archive = tmp_path / "saknas" / "a.zip"
    assert refused(str(archive)) == f"Mappen finns inte: {archive.parent}"
    assert not AuditEvent.objects.filter(kind="export").exists()


def test_what_was_written_is_told_in_swedish(tmp_path, capsys):
    archive = tmp_path / "a.zip"
    call_command("export_all", str(archive), "--municipality", "1488", verbosity=0)
    out = capsys.readouterr().out
    assert f"filer skrivna till {archive}." in out
    assert " rader och " in out
