"""``manage.py import_calls`` speaks Swedish, as the product does: what it did, a file it
cannot read, and each problem of a bad file with its line."""

import json

import pytest
from django.core.management import CommandError, call_command

from ..models import Call

pytestmark = pytest.mark.django_db

OK = {"topicId": "A-1", "title": "Ok", "callStatus": "open", "deadline": "2026-10-01"}


def topics(tmp_path, *records):
    path = tmp_path / "topics.json"
    path.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")
    return path


def refused(*args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("import_calls", *args, verbosity=0)
    return str(caught.value)


def test_a_missing_file_or_a_folder_is_named_in_swedish(tmp_path):
    missing = tmp_path / "calls.json"
    assert refused(str(missing), "--no-embeddings") == f"Filen finns inte: {missing}"
    assert refused(str(tmp_path), "--no-embeddings") == f"Det här är ingen fil: {tmp_path}"


def test_each_problem_of_a_bad_file_is_told_with_its_line(tmp_path, capsys):
    # (The missing field is named as the file names it.)
    no_deadline = {"topicId": "A-2", "title": "Ingen sista dag", "callStatus": "open"}
    path = topics(tmp_path, OK, no_deadline)
    assert refused(str(path), "--no-embeddings") == (
        "Filen innehåller fel. Ingen utlysning har importerats eller ändrats."
    )
    assert "rad 2: Post 2 (A-2): deadline saknas." in capsys.readouterr().err
    assert not Call.objects.exists()


def test_a_call_the_rules_refuse_is_told_with_its_line(tmp_path, capsys):
    # Well formed, but the call's own rules refuse it (not the parser's).
    upside_down = OK | {"topicId": "A-3", "budgetMin": 500_000, "budgetMax": 100_000}
    path = topics(tmp_path, OK, OK | {"topicId": "A-2"}, upside_down)
    refused(str(path), "--no-embeddings")
    err = capsys.readouterr().err
    assert "rad 3: A-3: Det största bidraget kan inte vara mindre än det minsta." in err
    assert not Call.objects.exists()


def test_what_was_imported_is_told_in_swedish(tmp_path, capsys):
    path = topics(tmp_path, OK)
    call_command("import_calls", str(path), verbosity=0)
    out = capsys.readouterr().out
    assert (
        "EU:s portal Funding & Tenders: 1 nya, 0 uppdaterade, 0 oförändrade, "
        "0 markerade som borta ur källan." in out
    )
    assert "Semantiska vektorer beräknade för 1 utlysning." in out
