"""Any number of partner rows on the project form: "More rows" adds one (in the page with
JavaScript, by a round trip without it) and every row is saved."""

import re

from utblick.testing import login

from ..models import Project
from .factories import organisation
from .helpers import url
from .test_forms import form_data, management


def test_more_rows_without_javascript_keeps_what_was_typed_saves_nothing_and_adds_a_row(
    client, home
):
    prato = organisation(home.municipality, name="Comune di Prato", country="IT")
    login(client, home.users["coordinator"])
    data = form_data(home, partners=[(prato, "lead"), (None, "")], more_rows="partners")
    response = client.post(url("project_create", home.municipality.slug), data)
    assert response.status_code == 200
    assert not Project.objects.filter(title_sv="Unga röster i Europa").exists()
    html = response.content.decode()
    assert 'name="partners-TOTAL_FORMS" value="3"' in html
    assert 'name="partners-2-organisation"' in html
    assert re.search(rf'<option value="{prato.pk}" selected>', html)
    assert 'value="Unga röster i Europa"' in html
    assert "error-summary" not in html and "errorlist" not in html


def test_the_form_offers_more_rows_and_the_empty_row_for_the_script(client, home):
    login(client, home.users["coordinator"])
    html = client.get(url("project_create", home.municipality.slug)).content.decode()
    assert len(re.findall(r"data-formset-add[ >]", html)) == 2  # partners and links
    assert 'name="partners-__prefix__-organisation"' in html  # inside <template>
    assert "/static/js/formset.js" in html


def test_six_partners_are_saved(client, home):
    partners = [
        (organisation(home.municipality, name=f"Partner {n}", country="DE"), "partner")
        for n in range(6)
    ]
    login(client, home.users["coordinator"])
    data = form_data(home, partners=partners)
    data.update(management("partners", 6))
    response = client.post(url("project_create", home.municipality.slug), data)
    assert response.status_code == 302
    project = Project.objects.get(title_sv="Unga röster i Europa")
    assert project.partners.count() == 6
