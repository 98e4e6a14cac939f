"""Every service that takes plain keyword data refuses a field it does not know, before it
writes anything, with its own name in the message (core.refusals.reject_unknown_fields)."""

import pytest

from utblick.documents import services as documents
from utblick.funding import services as funding
from utblick.newsletter import services as newsletter
from utblick.partners import services as partners
from utblick.projects import services as projects
from utblick.strategy import services as strategy
from utblick.tenancy import services as tenancy

pytestmark = pytest.mark.django_db

# The context each service requires; the unknown field is refused before it is looked at.
SERVICES = [
    (projects.save_project, {"municipality": None, "user": None}),
    (tenancy.save_unit, {"municipality": None}),
    (tenancy.activate_municipality, {"municipality": None}),
    (tenancy.save_municipality_details, {"municipality": None}),
    (partners.save_network, {}),
    (funding.save_need, {"municipality": None, "user": None}),
    (funding.save_call, {}),
    (strategy.save_strategy, {"municipality": None}),
    (strategy.save_focus_area, {"strategy": None}),
    (strategy.save_direction, {"focus_area": None}),
    (strategy.save_action_plan, {"strategy": None}),
    (strategy.save_activity, {"plan": None, "user": None}),
    (newsletter.save_issue, {"municipality": None, "user": None}),
    (documents.save_document, {"municipality": None, "user": None}),
]


@pytest.mark.parametrize(("service", "context"), SERVICES, ids=lambda s: getattr(s, "__name__", ""))
def test_a_service_names_itself_when_given_an_unknown_field(service, context):
    with pytest.raises(TypeError) as caught:
        service(**context, titel="Ungdomsutbyte")
    assert str(caught.value) == f"{service.__name__}() got unexpected fields: ['titel']"
