from dateutil.relativedelta import relativedelta
from django.db import migrations, models


def fill_end_dates(apps, schema_editor):
    Programme = apps.get_model("coaching", "Programme")
    for programme in Programme.objects.all():
        programme.end_date = programme.start_date + relativedelta(
            months=programme.duration_months, days=-1
        )
        programme.save(update_fields=["end_date"])


class Migration(migrations.Migration):
    dependencies = [("coaching", "0007_media_licence_labels")]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="end_date",
            field=models.DateField(editable=False, null=True, verbose_name="date de fin"),
        ),
        migrations.RunPython(fill_end_dates, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="programme",
            name="end_date",
            field=models.DateField(editable=False, verbose_name="date de fin"),
        ),
        migrations.RemoveConstraint(model_name="target", name="target_one_per_indicator"),
        migrations.AddField(
            model_name="target",
            name="pilot",
            field=models.CharField(
                blank=True,
                choices=[
                    ("ephemeral", "pilote 1 — tiers-lieu éphémère"),
                    ("accompaniment", "pilote 2 — accompagnement de 10 mois"),
                ],
                help_text="Les ERIC auxquels l'objectif s'applique ; vide : tous les ERIC.",
                max_length=20,
                verbose_name="pilote",
            ),
        ),
        migrations.AlterModelOptions(
            name="target",
            options={
                "ordering": ["programme", "indicator", "pilot"],
                "verbose_name": "objectif",
                "verbose_name_plural": "objectifs",
            },
        ),
        migrations.AddConstraint(
            model_name="target",
            constraint=models.UniqueConstraint(
                fields=("programme", "indicator", "pilot"), name="target_one_per_indicator"
            ),
        ),
    ]
