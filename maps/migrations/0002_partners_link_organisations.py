"""Organisation entries of the trust circles name the platform's organisation of the
same name (accents, case and punctuation aside) when none was chosen, as the services do
from now on."""

import re
import unicodedata

from django.db import migrations


def _name_key(name):
    # organisations.models.name_key as organisations.0002 used it to fill name_key.
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


def link_entries(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    TrustCircleEntry = apps.get_model("maps", "TrustCircleEntry")
    keys = dict(Organisation.objects.values_list("name_key", "pk"))
    unlinked = TrustCircleEntry.objects.filter(organisation__isnull=True, kind="organisation")
    for entry in unlinked.only("pk", "name", "eric_id"):
        organisation_id = keys.get(_name_key(entry.name))
        if organisation_id is not None and organisation_id != entry.eric_id:
            TrustCircleEntry.objects.filter(pk=entry.pk).update(organisation_id=organisation_id)


class Migration(migrations.Migration):
    dependencies = [
        ("maps", "0001_initial"),
        ("organisations", "0002_partners_name_key"),
    ]

    operations = [migrations.RunPython(link_entries, migrations.RunPython.noop)]
