from django.db import migrations

THEMES = [
    ("consommation-collaborative", "Consommation collaborative"),
    ("coworking", "Coworking"),
    ("fablab-xlabs", "Fablab et xLabs"),
    ("mediation-numerique", "Médiation numérique"),
    ("gouvernance", "Gouvernance"),
    ("modele-economique", "Modèle économique"),
    ("animation-communaute", "Animation de communauté"),
    ("documentation", "Documentation"),
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("cms", "Theme")
    for order, (slug, name) in enumerate(THEMES):
        Theme.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("cms", "0002_public_site")]

    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]
