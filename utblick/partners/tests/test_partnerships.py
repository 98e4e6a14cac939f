import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from utblick.partners.models import Partnership, PartnershipActivity
from utblick.partners.selectors import months_before

from .factories import TINY_PDF, PartnershipActivityFactory, PartnershipFactory
from .helpers import as_user, page_text, staff_url

pytestmark = pytest.mark.django_db


def partnership_data(side, **overrides):
    data = {
        "partner": side.records["partner_organisation"].pk,
        "kind": Partnership.Kind.FRIENDSHIP,
        "status": Partnership.Status.ACTIVE,
        "since": "2019-05-01",
        "decision_body": "ks",
        "decision_committee": "",
        "decision_date": "2019-04-02",
        "decision_paragraph": "§ 45",
        "decision_reference": "KS 2019/310",
        "description_sv": "Vänskapsort med utbyte inom kultur.",
        "description_en": "Friendship town with cultural exchange.",
        "is_public": "on",
    }
    data.update(overrides)
    return data


def pdf(name="agreement.pdf", content=TINY_PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def years_ago(years):
    return months_before(timezone.localdate(), 12 * years)


# List and dormancy ------------------------------------------------------------------------


def test_list_shows_columns(client, home, away):
    partnership = home.records["partnership"]
    PartnershipActivityFactory(partnership=partnership, date=datetime.date(2024, 3, 9))
    PartnershipFactory(municipality=away.municipality, partner__name="Motala partner")

    response = as_user(client, home.users["reader"]).get(staff_url("partnership_list", home))

    text = page_text(response)
    assert response.status_code == 200
    assert partnership.partner.name in text
    assert "Germany" in text
    assert "Twin town" in text
    assert partnership.since.strftime("%Y-%m-%d") in text
    assert timezone.localdate().strftime("%Y-%m-%d") in text  # the world's activity is today's
    assert "Motala partner" not in text


def test_list_filters_by_kind_status_and_country(client, home):
    PartnershipFactory(
        municipality=home.municipality,
        kind="cooperation",
        status="ended",
        partner__name="Tartu",
        partner__country="EE",
    )
    as_user(client, home.users["reader"])
    url = staff_url("partnership_list", home)

    def partners(query):
        response = client.get(url, query)
        assert response.status_code == 200
        return {p.partner.name for p in response.context["object_list"]}

    assert partners({"kind": "cooperation"}) == {"Tartu"}
    assert partners({"status": "ended"}) == {"Tartu"}
    assert partners({"country": "EE"}) == {"Tartu"}
    assert partners({"kind": "twin"}) == {home.records["partnership"].partner.name}


def test_dormant_by_activity_in_list_and_detail(client, home, settings):
    settings.DORMANT_AFTER_MONTHS = 24
    quiet = PartnershipFactory(
        municipality=home.municipality, since=years_ago(10), partner__name="Quiet town"
    )
    PartnershipActivityFactory(partnership=quiet, date=years_ago(3))
    silent = PartnershipFactory(
        municipality=home.municipality, since=years_ago(5), partner__name="Silent town"
    )
    busy = PartnershipFactory(
        municipality=home.municipality, since=years_ago(10), partner__name="Busy town"
    )
    PartnershipActivityFactory(partnership=busy, date=years_ago(3))
    PartnershipActivityFactory(partnership=busy, date=years_ago(1))
    young = PartnershipFactory(
        municipality=home.municipality, since=years_ago(1), partner__name="Young town"
    )
    ended = PartnershipFactory(
        municipality=home.municipality,
        since=years_ago(10),
        status="ended",
        partner__name="Ended town",
    )
    as_user(client, home.users["reader"])

    response = client.get(staff_url("partnership_list", home))
    flags = {p.partner.name: p.dormant_by_activity for p in response.context["object_list"]}
    assert flags["Quiet town"] is True
    assert flags["Silent town"] is True
    assert flags["Busy town"] is False
    assert flags["Young town"] is False
    assert flags["Ended town"] is False
    text = page_text(response)
    quiet_row = text[text.index("Quiet town") :]
    assert "Dormant by activity" in quiet_row[: quiet_row.index("</tr>")]
    busy_row = text[text.index("Busy town") :]
    assert "Dormant by activity" not in busy_row[: busy_row.index("</tr>")]

    response = client.get(staff_url("partnership_list", home), {"dormant": "yes"})
    assert {p.pk for p in response.context["object_list"]} == {quiet.pk, silent.pk}

    detail = page_text(client.get(staff_url("partnership_detail", home, pk=quiet.pk)))
    assert "Dormant by activity" in detail
    assert "No activity has been logged for 24 months." in detail
    for other in (busy, young, ended):
        detail = page_text(client.get(staff_url("partnership_detail", home, pk=other.pk)))
        assert "Dormant by activity" not in detail


def test_dormancy_follows_the_setting(client, home, settings):
    quiet = PartnershipFactory(municipality=home.municipality, since=years_ago(10))
    PartnershipActivityFactory(partnership=quiet, date=years_ago(3))
    as_user(client, home.users["reader"])
    url = staff_url("partnership_detail", home, pk=quiet.pk)

    settings.DORMANT_AFTER_MONTHS = 48
    assert "Dormant by activity" not in page_text(client.get(url))
    settings.DORMANT_AFTER_MONTHS = 24
    assert "Dormant by activity" in page_text(client.get(url))


def test_months_before_keeps_to_month_ends():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 31), 24) == datetime.date(2024, 3, 31)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)


# Detail -----------------------------------------------------------------------------------


def test_detail_shows_decision_texts_agreement_and_log(client, home):
    partnership = home.records["partnership"]
    partnership.decision_body = "namnd"
    partnership.decision_committee = "Kultur- och fritidsnämnden"
    partnership.decision_reference = "KFN 2018/12"
    partnership.description_en = "Twin town since the 1960s."
    partnership.save()
    PartnershipActivityFactory(partnership=partnership, date=datetime.date(2020, 1, 1), text="Old")
    PartnershipActivityFactory(partnership=partnership, date=datetime.date(2025, 6, 1), text="New")

    response = as_user(client, home.users["reader"]).get(
        staff_url("partnership_detail", home, pk=partnership.pk)
    )

    text = page_text(response)
    assert "Kultur- och fritidsnämnden" in text
    assert "KFN 2018/12" in text
    assert '<div lang="sv"><p>Vänort sedan länge.</p></div>' in text
    assert '<div lang="en"><p>Twin town since the 1960s.</p></div>' in text
    assert staff_url("partnership_agreement", home, pk=partnership.pk) in text
    assert text.index(">New<") < text.index(">Old<")
    assert "Change history" in text
    assert staff_url("activity_add", home, pk=partnership.pk) not in text  # reader


def test_agreement_download(client, home):
    partnership = home.records["partnership"]
    response = as_user(client, home.users["reader"]).get(
        staff_url("partnership_agreement", home, pk=partnership.pk)
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TINY_PDF
    assert "attachment" in response["Content-Disposition"]


def test_agreement_download_without_file_is_404(client, home):
    partnership = PartnershipFactory(municipality=home.municipality)
    response = as_user(client, home.users["coordinator"]).get(
        staff_url("partnership_agreement", home, pk=partnership.pk)
    )
    assert response.status_code == 404


# Create -----------------------------------------------------------------------------------


def test_create_with_agreement(client, home):
    as_user(client, home.users["coordinator"])
    data = partnership_data(home, agreement=pdf("Avtal Kaiserslautern.pdf"))

    response = client.post(staff_url("partnership_create", home), data)

    partnership = Partnership.objects.get(kind="friendship")
    assert response.status_code == 302
    assert response["Location"] == staff_url("partnership_detail", home, pk=partnership.pk)
    assert partnership.municipality == home.municipality
    assert partnership.decision_reference == "KS 2019/310"
    assert partnership.description_en == "Friendship town with cultural exchange."
    assert partnership.agreement.name.endswith("Avtal-Kaiserslautern.pdf")
    download = client.get(staff_url("partnership_agreement", home, pk=partnership.pk))
    assert b"".join(download.streaming_content) == TINY_PDF


def test_unit_representative_creates_for_own_unit(client, home):
    as_user(client, home.users["rep_other"])
    response = client.post(
        staff_url("partnership_create", home), partnership_data(home, unit=home.unit.pk)
    )
    assert response.status_code == 302
    assert Partnership.objects.get(kind="friendship").unit == home.other_unit


def test_partner_is_chosen_from_own_municipality(client, home, away):
    as_user(client, home.users["coordinator"])
    response = client.get(staff_url("partnership_create", home))
    choices = {str(pk) for pk, _label in response.context["form"].fields["partner"].choices}
    assert str(home.records["partner_organisation"].pk) in choices
    assert str(away.records["partner_organisation"].pk) not in choices

    response = client.post(
        staff_url("partnership_create", home),
        partnership_data(home, partner=away.records["partner_organisation"].pk),
    )
    assert response.status_code == 400
    assert "Select a valid choice" in response.context["form"].errors["partner"][0]
    assert not Partnership.objects.filter(kind="friendship").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("decision_reference", "2019-310", "e.g. KS 2024/310"),
        ("decision_reference", "KS 19/310", "e.g. KS 2024/310"),
        ("decision_committee", "", "Name the committee that decided."),
        ("kind", "pen-pal", "Select a valid choice"),
        ("since", "last spring", "Enter a valid date."),
        ("partner", "", "This field is required."),
    ],
)
def test_invalid_partnership_is_refused(client, home, field, value, message):
    data = partnership_data(home, **{field: value})
    if field == "decision_committee":
        data["decision_body"] = "namnd"
    before = Partnership.objects.count()

    response = as_user(client, home.users["coordinator"]).post(
        staff_url("partnership_create", home), data
    )

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert message in page_text(response)
    assert Partnership.objects.count() == before


def test_diarienummer_follows_the_municipality_pattern(client, home):
    home.municipality.diarienummer_pattern = r"^\d{4}-\d{3}$"
    home.municipality.save()
    as_user(client, home.users["coordinator"])
    url = staff_url("partnership_create", home)

    response = client.post(url, partnership_data(home, decision_reference="KS 2019/310"))
    assert response.status_code == 400
    assert (
        "(the pattern is ^\\d{4}-\\d{3}$)"
        in response.context["form"].errors["decision_reference"][0]
    )

    response = client.post(url, partnership_data(home, decision_reference="2019-310"))
    assert response.status_code == 302
    assert Partnership.objects.get(kind="friendship").decision_reference == "2019-310"


def test_upload_of_wrong_type_is_refused(client, home):
    as_user(client, home.users["coordinator"])
    data = partnership_data(home, agreement=SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    response = client.post(staff_url("partnership_create", home), data)
    assert response.status_code == 400
    assert "Files of type “exe” are not accepted." in page_text(response)
    assert not Partnership.objects.filter(kind="friendship").exists()


def test_upload_that_is_not_what_it_claims_is_refused(client, home):
    as_user(client, home.users["coordinator"])
    data = partnership_data(home, agreement=pdf(content=b"<html>not a pdf</html>"))
    response = client.post(staff_url("partnership_create", home), data)
    assert response.status_code == 400
    assert "The file does not look like a PDF file." in page_text(response)
    assert not Partnership.objects.filter(kind="friendship").exists()


def test_upload_too_large_is_refused(client, home, settings, media_root):
    settings.UPLOAD_MAX_BYTES = 100
    as_user(client, home.users["coordinator"])
    data = partnership_data(home, agreement=pdf(content=TINY_PDF + b" " * 200))
    response = client.post(staff_url("partnership_create", home), data)
    assert response.status_code == 400
    assert "The file is too large" in response.context["form"].errors["agreement"][0]
    assert not Partnership.objects.filter(kind="friendship").exists()
    assert not list(media_root.glob("**/agreement*.pdf"))


# Edit, delete -----------------------------------------------------------------------------


def test_edit_is_recorded_in_the_history(client, home):
    partnership = home.records["partnership"]
    as_user(client, home.users["coordinator"])
    edit_url = staff_url("partnership_edit", home, pk=partnership.pk)

    form_page = page_text(client.get(edit_url))
    assert staff_url("partnership_agreement", home, pk=partnership.pk) in form_page
    assert "/media-not-served/" not in form_page

    data = partnership_data(home, kind="twin", status="dormant")
    response = client.post(edit_url, data)

    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "dormant"
    assert partnership.agreement  # kept when no new file is uploaded
    detail = page_text(client.get(staff_url("partnership_detail", home, pk=partnership.pk)))
    history = detail[detail.index("Change history") :]
    assert "Changed:" in history
    assert "status" in history


def test_unit_representative_edits_own_but_not_others(client, home):
    own = home.records["partnership"]
    others = PartnershipFactory(municipality=home.municipality, unit=home.other_unit)
    as_user(client, home.users["rep"])

    response = client.post(
        staff_url("partnership_edit", home, pk=others.pk),
        partnership_data(home, partner=others.partner.pk, status="ended"),
    )
    assert response.status_code == 403
    others.refresh_from_db()
    assert others.status == "active"

    response = client.post(
        staff_url("partnership_edit", home, pk=own.pk),
        partnership_data(home, kind="twin", status="ended", unit=home.other_unit.pk),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "ended"
    assert own.unit == home.unit  # a representative cannot hand the record to another unit


def test_delete_partnership(client, home):
    partnership = home.records["partnership"]
    url = staff_url("partnership_delete", home, pk=partnership.pk)
    as_user(client, home.users["rep"])

    assert client.get(url).status_code == 200
    response = client.post(url)

    assert response.status_code == 302
    assert response["Location"] == staff_url("partnership_list", home)
    assert not Partnership.objects.filter(pk=partnership.pk).exists()
    assert not PartnershipActivity.objects.filter(partnership_id=partnership.pk).exists()


# Activity log -----------------------------------------------------------------------------


def test_log_an_activity(client, home):
    partnership = home.records["partnership"]
    user = home.users["rep"]
    as_user(client, user)
    detail_url = staff_url("partnership_detail", home, pk=partnership.pk)
    assert staff_url("activity_add", home, pk=partnership.pk) in page_text(client.get(detail_url))

    response = client.post(
        staff_url("activity_add", home, pk=partnership.pk),
        {"activity-date": "2030-02-01", "activity-text": "Youth exchange in Kaiserslautern"},
    )

    assert response.status_code == 302
    activity = partnership.activities.get(text="Youth exchange in Kaiserslautern")
    assert activity.author == user
    assert activity.date == datetime.date(2030, 2, 1)
    text = page_text(client.get(detail_url))
    log = text[text.index("Activity log") :]
    assert log.index("Youth exchange") < log.index(home.records["partnership_activity"].text)
    assert str(user) in log


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"activity-date": "", "activity-text": "Visit"}, "date", "This field is required."),
        ({"activity-date": "tomorrow", "activity-text": "Visit"}, "date", "Enter a valid date."),
        ({"activity-date": "2030-02-01", "activity-text": "   "}, "text", "required"),
    ],
)
def test_invalid_activity_is_refused(client, home, data, field, message):
    partnership = home.records["partnership"]
    before = PartnershipActivity.objects.count()
    response = as_user(client, home.users["coordinator"]).post(
        staff_url("activity_add", home, pk=partnership.pk), data
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert PartnershipActivity.objects.count() == before


def test_reader_cannot_log_activities(client, home):
    partnership = home.records["partnership"]
    response = as_user(client, home.users["reader"]).post(
        staff_url("activity_add", home, pk=partnership.pk),
        {"activity-date": "2030-02-01", "activity-text": "Sneaky"},
    )
    assert response.status_code == 403
    assert not PartnershipActivity.objects.filter(text="Sneaky").exists()
