"""An archive made before the collaboration group left the funding app (its rows under
``funding.meeting`` and so on) restores into this version with nothing left out."""

import hashlib
import json
import zipfile

from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from utblick.backup.tests.test_round_trip import empty_database
from utblick.isg.models import ActionItem, AgendaItem, GroupMember, Meeting, MeetingDecision

MOVED = ["groupmember", "meeting", "agendaitem", "meetingdecision", "actionitem"]


def as_before_the_move(source, target):
    """The archive as the version before the move wrote it: the moved rows under their
    former labels, the migrations it was made at without the new app."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        manifest = json.loads(old.read("manifest.json"))
        del manifest["migrations"]["isg"]
        manifest["migrations"]["funding"] = "0007_merge_identifiers_tokens_and_need_rules"
        for name in old.namelist():
            if name == "manifest.json":
                continue
            data = old.read(name)
            if name.startswith("data/"):
                text = data.decode()
                for model in MOVED:
                    text = text.replace(f'"isg.{model}"', f'"funding.{model}"')
                    text = text.replace(f'"isg","{model}"', f'"funding","{model}"')
                data = text.encode()
                name = name.replace("data/isg.", "data/funding.")
            new.writestr(name, data)
            manifest["sha256"].pop(name.replace("data/funding.", "data/isg."), None)
            manifest["sha256"][name] = hashlib.sha256(data).hexdigest()
        new.writestr("manifest.json", json.dumps(manifest))


def test_an_archive_from_before_the_move_restores_the_group(home, tmp_path):
    meeting = home.records["isg_meeting"]
    secretaries = Group.objects.create(name="ISG-sekreterare")
    secretaries.permissions.add(Permission.objects.get(codename="change_meeting"))
    counts = [m.objects.count() for m in (GroupMember, Meeting, AgendaItem, MeetingDecision)]
    counts.append(ActionItem.objects.count())
    call_command("export_all", str(tmp_path / "new.zip"), verbosity=0)
    as_before_the_move(tmp_path / "new.zip", tmp_path / "old.zip")
    with zipfile.ZipFile(tmp_path / "old.zip") as archive:
        assert "data/funding.meeting.jsonl" in archive.namelist()
        assert "data/isg.meeting.jsonl" not in archive.namelist()
        assert (
            '["change_meeting","funding","meeting"]'
            in archive.read("data/auth.group.jsonl").decode()
        )
    empty_database()
    Group.objects.all().delete()

    call_command("import_all", str(tmp_path / "old.zip"), verbosity=0)

    restored = [m.objects.count() for m in (GroupMember, Meeting, AgendaItem, MeetingDecision)]
    restored.append(ActionItem.objects.count())
    assert restored == counts and all(counts)
    assert Meeting.objects.get(pk=meeting.pk).minutes == meeting.minutes
    assert [p.codename for p in Group.objects.get(name="ISG-sekreterare").permissions.all()] == [
        "change_meeting"
    ]
