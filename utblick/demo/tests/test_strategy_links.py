"""The demo strategy's activities name the networks they link to as people write them."""

import pytest

from utblick.demo.strategy import _membership
from utblick.partners.tests.factories import NetworkFactory, NetworkMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_network_is_found_by_its_name_or_acronym_in_any_case_beyond_ascii(home):
    # "Ö" is not an ASCII letter: SQLite's LIKE, which folds ASCII letters only, missed it.
    network = NetworkFactory(name="Öresundskomiteen", acronym="ÖK")
    membership = NetworkMembershipFactory(municipality=home.municipality, network=network)
    assert _membership(home.municipality, "ÖRESUND") == membership
    assert _membership(home.municipality, "ök") == membership
    assert _membership(home.municipality, "Kattegattkommittén") is None
    assert _membership(home.municipality, "ubc") == home.records["network_membership"]
