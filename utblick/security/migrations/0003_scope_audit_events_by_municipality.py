"""Give unscoped audit events (sign-ins, second factor) the municipality they belong to.

Until now such events were stored without a municipality and shown to the coordinators of
every municipality the person was a member of *when the log was read*, including events from
before they joined. From now on they are stored once per municipality the person is a member
of at the time (security.services.record_user_event). For the old ones we can only use the
memberships and their history: an event goes to each municipality whose membership of the
person already existed at the event's time (the membership's first history entry). Events
we cannot place (no such membership, or no history) stay unscoped: superusers see them in
the admin, no coordinator does.
"""

from django.db import migrations


def scope_events(apps, schema_editor):
    AuditEvent = apps.get_model("security", "AuditEvent")
    User = apps.get_model("tenancy", "User")
    HistoricalMembership = apps.get_model("tenancy", "HistoricalMembership")

    joined = {}  # (user_id, municipality_id) -> when the membership was created
    for row in (
        HistoricalMembership.objects.filter(history_type="+")
        .values("user_id", "municipality_id", "history_date")
        .order_by("history_date")
    ):
        joined.setdefault((row["user_id"], row["municipality_id"]), row["history_date"])
    current = {}
    for user_id, municipality_id in apps.get_model("tenancy", "Membership").objects.values_list(
        "user_id", "municipality_id"
    ):
        current.setdefault(user_id, []).append(municipality_id)
    user_ids = dict(User.objects.values_list("username", "pk"))

    # Read first, then write: rows leave the "unscoped" set as they are placed.
    unscoped = list(
        AuditEvent.objects.filter(municipality__isnull=True).order_by("pk").iterator(2000)
    )
    placed, copies = [], []
    for event in unscoped:
        user_id = event.user_id or user_ids.get(event.username)
        places = [
            municipality_id
            for municipality_id in current.get(user_id, [])
            if (user_id, municipality_id) in joined
            and joined[(user_id, municipality_id)] <= event.at
        ]
        if not places:
            continue
        event.municipality_id = places[0]
        placed.append(event)
        for municipality_id in places[1:]:
            copies.append(
                AuditEvent(
                    kind=event.kind,
                    at=event.at,
                    user_id=event.user_id,
                    username=event.username,
                    municipality_id=municipality_id,
                    ip_address=event.ip_address,
                    detail=event.detail,
                )
            )
    AuditEvent.objects.bulk_update(placed, ["municipality"], batch_size=1000)
    AuditEvent.objects.bulk_create(copies, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0002_external_identity_enrolment_link"),
        ("tenancy", "0003_member_invitation"),
    ]

    operations = [migrations.RunPython(scope_events, migrations.RunPython.noop)]
