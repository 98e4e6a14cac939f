from django.db import migrations


def load(apps, schema_editor):
    from utblick.projects.reference import load_reference_data

    load_reference_data(
        apps.get_model("projects", "FunderProgramme"),
        apps.get_model("projects", "SustainableDevelopmentGoal"),
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0002_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
