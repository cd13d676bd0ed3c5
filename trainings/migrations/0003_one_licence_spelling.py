"""One licence enumeration for the platform (core.licences): the trainings' materials
stored CC BY-SA as ``cc_by_sa_4`` where every other record says ``cc-by-sa-4.0``."""

from django.db import migrations, models

#: Old spelling → the platform's.
SPELLINGS = {
    "cc_by_sa_4": "cc-by-sa-4.0",
    "cc_by_4": "cc-by-4.0",
    "all_rights_reserved": "all-rights-reserved",
}


def respell(apps, schema_editor, spellings):
    Material = apps.get_model("trainings", "Material")
    for old, new in spellings.items():
        Material.objects.filter(licence=old).update(licence=new)


def forwards(apps, schema_editor):
    respell(apps, schema_editor, SPELLINGS)


def backwards(apps, schema_editor):
    respell(apps, schema_editor, {new: old for old, new in SPELLINGS.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("trainings", "0002_evaluation_requested_at"),
    ]

    operations = [
        migrations.AlterField(
            model_name="material",
            name="licence",
            field=models.CharField(
                choices=[
                    ("cc-by-sa-4.0", "Creative Commons BY-SA 4.0"),
                    ("cc-by-4.0", "Creative Commons BY 4.0"),
                    ("movecommons", "MoveCommons"),
                    ("all-rights-reserved", "tous droits réservés"),
                ],
                default="cc-by-sa-4.0",
                max_length=32,
                verbose_name="licence",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
