"""Partners added on the spot: a normalised name that catches duplicates, the ERIC a
local partner belongs to, who added it and when."""

import re
import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _name_key(name):
    # A copy of organisations.models.name_key as it stood when this migration was written.
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def fill_name_keys(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    taken = set()
    for organisation in Organisation.objects.order_by("pk").only("pk", "name"):
        key = _name_key(organisation.name)
        if key in taken:
            # Two existing names that only differ by accents or case: both are kept, the
            # later one's key says it is a duplicate to merge by hand.
            key = "%s #%d" % (key, organisation.pk)
        taken.add(key)
        Organisation.objects.filter(pk=organisation.pk).update(name_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, null=True, verbose_name="ajoutée le"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="ajoutée par",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="local_to",
            field=models.ForeignKey(
                blank=True,
                help_text=(
                    "Proposé dans les animations de cet ERIC seulement. Vide : partenaire de "
                    "tout le programme."
                ),
                limit_choices_to={"kind": "eric"},
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="local_partners",
                to="organisations.organisation",
                verbose_name="partenaire local de l'ERIC",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(
                editable=False, max_length=200, null=True, verbose_name="nom normalisé"
            ),
        ),
        migrations.RunPython(fill_name_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="name_key",
            field=models.CharField(
                editable=False, max_length=200, unique=True, verbose_name="nom normalisé"
            ),
        ),
    ]
