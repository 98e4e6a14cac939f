from utblick.demo.funding import NEEDS, load_demo_data
from utblick.funding.models import Call, Need
from utblick.isg.models import GroupMember, Meeting
from utblick.tenancy.models import Unit


def test_demo_is_idempotent_and_drafts_a_meeting(home):
    for unit_name, *_rest in NEEDS:
        Unit.objects.create(municipality=home.municipality, name=unit_name, kind="department")
    load_demo_data()
    load_demo_data()
    assert Call.objects.filter(municipality__isnull=True).count() == 24
    needs = Need.objects.filter(municipality=home.municipality).exclude(
        pk=home.records["funding_need"].pk
    )
    assert sorted(n.title_en for n in needs) == sorted(n[2] for n in NEEDS)
    meeting = Meeting.objects.get(municipality=home.municipality, place="Stadshuset, Trollhättan")
    assert meeting.agenda.count() == 6
    assert (
        GroupMember.objects.filter(municipality=home.municipality).count()
        == Unit.objects.filter(municipality=home.municipality).count()
    )
