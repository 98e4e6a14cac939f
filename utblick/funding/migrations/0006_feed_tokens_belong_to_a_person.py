"""Calendar feed addresses belong to one person each (issue #14, finding 6).

The municipality's and the units' addresses were shared by everyone, could not be revoked
and kept working after people left. They are removed: staff find their own addresses on
the deadline calendar page, which are renewable and stop working when the person leaves.
"""

from django.db import migrations


def remove_shared_addresses(apps, schema_editor):
    apps.get_model("funding", "FeedToken").objects.filter(user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("funding", "0005_historicalcall_historicalcalldeadline")]

    operations = [migrations.RunPython(remove_shared_addresses, migrations.RunPython.noop)]
