"""Organisation resolution and its review list, due diligence with history, twin towns
across Sweden, and the public downloads with their data dictionary."""

import csv
import datetime
import io
import json

import openpyxl
from django.urls import reverse
from django.utils import translation

from utblick.partners.models import Organisation, Partnership
from utblick.testing import login

from ..models import DueDiligence, OrganisationLink
from .factories import DATA, eu_organisation, eu_project, participation
from .helpers import import_all


def staff_url(name, side, *args):
    with translation.override("en"):
        return reverse(f"staff:{name}", args=[side.municipality.slug, *args])


def registry(side, name, country, **fields):
    return Organisation.objects.create(
        municipality=side.municipality, name=name, kind="university", country=country, **fields
    )


def test_resolution_by_pic_name_and_fuzzy_with_review(
    home, client, django_capture_on_commit_callbacks
):
    by_pic = eu_organisation(name="Lunds universitet", country="SE", pic="999990000")
    exact = eu_organisation(name="Stadt Flensburg GmbH", country="DE")
    similar = eu_organisation(name="Universidad de Vigo", country="ES")
    eu_organisation(name="Stadt Flensburg", country="AT")  # same name, other country
    with_pic = registry(home, "Lund University", "SE", pic="999990000")
    named = registry(home, "Stadt Flensburg", "DE")
    fuzzy = registry(home, "Universidade de Vigo", "ES", unit=home.unit)
    login(client, home.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(staff_url("opendata_match", home))
    links = {
        link.organisation_id: link
        for link in OrganisationLink.objects.filter(municipality=home.municipality)
    }
    assert links[with_pic.pk].eu_organisation == by_pic and links[with_pic.pk].status == "linked"
    assert links[named.pk].eu_organisation == exact and links[named.pk].method == "name"
    assert links[fuzzy.pk].eu_organisation == similar and links[fuzzy.pk].status == "pending"
    review = client.get(staff_url("opendata_links", home))
    assert "Universidade de Vigo" in review.content.decode()
    # The representative of the partner's unit rejects; matching again keeps the decision.
    login(client, home.users["rep"])
    client.post(staff_url("opendata_link_decide", home, links[fuzzy.pk].pk), {"decision": "reject"})
    login(client, home.users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(staff_url("opendata_match", home))
    assert OrganisationLink.objects.get(organisation=fuzzy).status == "rejected"


def test_confirming_a_link_rejects_the_other_proposals(home, client):
    partner = registry(home, "Hanze", "NL", unit=home.unit)
    first, second = (
        eu_organisation(name="Hanze A", country="NL"),
        eu_organisation(name="Hanze B", country="NL"),
    )
    links = [
        OrganisationLink.objects.create(
            municipality=home.municipality,
            organisation=partner,
            eu_organisation=eu,
            method="fuzzy",
            score=90,
            status="pending",
        )
        for eu in (first, second)
    ]
    login(client, home.users["rep_other"])
    assert (
        client.post(
            staff_url("opendata_link_decide", home, links[0].pk), {"decision": "confirm"}
        ).status_code
        == 403
    )
    login(client, home.users["rep"])
    client.post(staff_url("opendata_link_decide", home, links[0].pk), {"decision": "confirm"})
    assert [
        link.status for link in OrganisationLink.objects.filter(organisation=partner).order_by("pk")
    ] == [
        "linked",
        "rejected",
    ]


def test_due_diligence_attaches_the_track_record_and_keeps_history(home, client):
    partner = registry(home, "Hanze", "NL", unit=home.unit)
    eu = eu_organisation(name="Hanze University", country="NL")
    participation(
        eu, eu_project(title="Climate adaptation"), is_coordinator=True, eu_contribution=5000
    )
    OrganisationLink.objects.create(
        municipality=home.municipality,
        organisation=partner,
        eu_organisation=eu,
        method="name",
        status="linked",
    )
    login(client, home.users["rep"])
    response = client.post(
        staff_url("duediligence_create", home),
        {
            "organisation": partner.pk,
            "occasion": "Interreg Baltic Sea 2026",
            "competence": "ok",
            "financial_capacity": "concern",
            "assessed_on": "2026-05-04",
            "outcome": "conditions",
            "notes": "Ask for the annual report.",
        },
    )
    check = DueDiligence.objects.get(occasion="Interreg Baltic Sea 2026")
    assert response.status_code == 302
    assert check.assessor == home.users["rep"]
    assert check.evidence["organisations"][0]["projects"] == 1
    assert check.evidence["organisations"][0]["coordinated"] == 1
    client.post(
        staff_url("duediligence_edit", home, check.pk),
        {
            "occasion": "Interreg Baltic Sea 2026",
            "assessed_on": "2026-05-04",
            "outcome": "approved",
        },
    )
    page = client.get(staff_url("duediligence_detail", home, check.pk)).content.decode()
    assert "Approved" in page and "Changed:" in page and "coordinator in 1" in page
    assert check.history.count() == 2


def test_due_diligence_only_for_partners_of_ones_unit(home, client):
    other = registry(home, "Elsewhere", "DE", unit=home.other_unit)
    login(client, home.users["rep"])
    response = client.post(
        staff_url("duediligence_create", home),
        {
            "organisation": other.pk,
            "occasion": "X",
            "assessed_on": "2026-01-01",
            "outcome": "pending",
        },
    )
    assert response.status_code == 400
    assert not DueDiligence.objects.filter(occasion="X").exists()


def test_due_diligence_list_has_constant_queries(home, client, django_assert_max_num_queries):
    login(client, home.users["reader"])
    url = staff_url("duediligence_list", home)
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    partner = home.records["opendata_partner"]
    for n in range(30):
        DueDiligence.objects.create(
            municipality=home.municipality,
            organisation=partner,
            occasion=f"O {n}",
            assessed_on="2026-01-01",
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_twin_towns_across_sweden_and_registry_differences(home, client):
    import_all()
    kerava = Organisation.objects.create(
        municipality=home.municipality, name="Kerava", kind="municipality", country="FI"
    )
    made_up = Organisation.objects.create(
        municipality=home.municipality, name="Nowhere", kind="municipality", country="DE"
    )
    for partner in (kerava, made_up):
        Partnership.objects.create(municipality=home.municipality, partner=partner, kind="twin")
    login(client, home.users["reader"])
    page = client.get(staff_url("opendata_twintowns", home), {"city": "Kerava"}).content.decode()
    assert "Swedish municipalities twinned with Kerava" in page
    assert "Trollhättan" in page
    from ..selectors import registry_differences

    differences = registry_differences(home.municipality)
    assert "Kerava" in [row["partnership"].partner.name for row in differences["matched"]]
    assert "Nowhere" in [p.partner.name for p in differences["registry_only"]]
    assert "Kerava" not in {row["city"] for row in differences["list_only"]}
    listed_only = {row["city"] for row in differences["list_only"]}
    assert {"Kristiansand", "Tempe", "Reykjanesbær"} <= listed_only
    assert Partnership.objects.filter(partner__in=[kerava, made_up]).count() == 2


def test_public_downloads_csv_xlsx_json_with_data_dictionary(home, client):
    slug = home.municipality.slug
    with translation.override("en"):
        page = client.get(reverse("public:opendata_downloads", args=[slug])).content.decode()
        urls = {
            fmt: reverse("public:opendata_download", args=[slug, "projects", fmt])
            for fmt in ("csv", "xlsx", "json")
        }
    assert "Data dictionary: Projects" in page and "title_sv" in page
    content = client.get(urls["csv"]).content
    # As Excel with Swedish settings opens it: byte order mark, semicolons, decimal commas.
    assert content.startswith(b"\xef\xbb\xbfid;municipality;title_sv;")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert [row["title_en"] for row in rows] == ["Green border towns"]  # internal ones are not
    assert (rows[0]["start_date"], rows[0]["budget_total"]) == ("2024-03-01", "200000,00")
    data = json.loads(client.get(urls["json"]).content)
    assert [row["id"] for row in data] == [home.records["public_project"].pk]
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(urls["xlsx"]).content)).active
    assert [cell.value for cell in sheet[1]][:3] == ["id", "municipality", "title_sv"]
    assert sheet.max_row == 2
    typed = dict(
        zip([cell.value for cell in sheet[1]], [cell.value for cell in sheet[2]], strict=True)
    )
    assert typed["start_date"] == datetime.datetime(2024, 3, 1)
    assert typed["budget_total"] == 200000
    assert (
        client.get(reverse("public:opendata_download", args=[slug, "secrets", "csv"])).status_code
        == 404
    )
    assert DATA.exists()
