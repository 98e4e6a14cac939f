from django.db import migrations


def seed(apps, schema_editor):
    from utblick.funding.rules_data import load_rules

    load_rules(apps.get_model("projects", "FunderProgramme"), apps.get_model("funding", "ProgrammeRule"))


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0001_initial"),
        ("projects", "0003_reference_data"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
