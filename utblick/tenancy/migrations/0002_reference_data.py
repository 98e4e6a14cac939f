from django.db import migrations


def load(apps, schema_editor):
    from utblick.tenancy.reference import load_reference_data

    load_reference_data(apps.get_model("tenancy", "County"), apps.get_model("tenancy", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
