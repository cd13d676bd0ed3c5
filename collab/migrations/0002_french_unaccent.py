"""Accent-insensitive French full-text search on PostgreSQL (collab/search.py).

The ``unaccent`` extension, and a ``french_unaccent`` text search configuration: a copy
of ``french`` whose words go through ``unaccent`` before the French stemmer, so that
« reemploi » finds « réemploi » and the extract keeps the page's accents. Both are
no-ops on SQLite, whose search is simpler (see collab/search.py).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
        ALTER TEXT SEARCH CONFIGURATION french_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
    END IF;
END
$$;
"""
DROP = "DROP TEXT SEARCH CONFIGURATION IF EXISTS french_unaccent;"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("collab", "0001_initial")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
