"""Names compared in any case, alike on SQLite and PostgreSQL (core.names)."""

import pytest

from utblick.core.names import folded, name_taken, named
from utblick.tenancy.models import Unit

pytestmark = pytest.mark.django_db


def test_names_are_folded_beyond_ascii():
    assert folded("  ÅLANDS Öar ") == folded("ålands öar") == "ålands öar"
    assert folded("ÉCOLE") == folded("école")
    assert folded(None) == ""


def test_named_records_are_found_in_any_case_and_stay_a_query(home):
    units = Unit.objects.filter(municipality=home.municipality)
    wanted = home.unit.name_sv.upper()  # "… FRITIDSFÖRVALTNINGEN": "Ö" is not ASCII
    found = named(units, "name_sv", [f" {wanted} ", "Äldreförvaltningen"])
    assert list(found) == [home.unit]
    assert list(found.exclude(pk=home.unit.pk)) == []
    assert not named(units, "name_sv", ["", " "]).exists()
    assert name_taken(units, "name_sv", wanted)
    assert not name_taken(units, "name_sv", wanted, record=home.unit)
