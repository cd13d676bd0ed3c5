"""The restore drill (#18.10): ``platform/backup.sh`` then ``platform/restore.sh`` into an
empty database and an empty media folder find the same records and the same files."""

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

from .servers import ROOT, database_url

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="backup.sh and restore.sh use pg_dump and pg_restore: set DATABASE_URL=postgres://… "
        "(CI's second leg does)",
    ),
    pytest.mark.skipif(
        not (shutil.which("pg_dump") and shutil.which("pg_restore")),
        reason="pg_dump or pg_restore missing (Debian: apt-get install postgresql-client)",
    ),
]


def table_digests(url: str) -> dict[str, tuple[int, str]]:
    """Every table of the database: its row count and a digest of its rows in order."""
    import psycopg
    from psycopg import sql

    digests = {}
    with psycopg.connect(url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        for table in tables:
            digests[table] = conn.execute(
                sql.SQL(
                    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
                    " FROM {} AS t"
                ).format(sql.Identifier(table))
            ).fetchone()
    return digests


def files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def run(script: str, *args, **env):
    result = subprocess.run(
        ["bash", str(ROOT / "platform" / script), *map(str, args)],
        env=dict(os.environ, **{key: str(value) for key, value in env.items()}),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def empty_database():
    """A new, empty database on the test server; dropped afterwards."""
    import psycopg
    from psycopg import sql

    settings_dict = dict(connection.settings_dict)
    name = "%s_restore_%d" % (settings_dict["NAME"], os.getpid())
    server = database_url(dict(settings_dict, NAME="postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield database_url(dict(settings_dict, NAME=name))
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def test_backup_then_restore_finds_the_same_records_and_media(
    live_world, tmp_path, settings, empty_database
):
    from tests.coaching.journal_helpers import call, png_bytes

    # records of several apps (accounts, programme, public site, journal) and media files
    call(live_world, eric="a", summary="Appel à retrouver après restauration")
    call(live_world, eric="b", shared=False, summary="Note privée à retrouver")
    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("journal/2026/photo.png", ContentFile(png_bytes()))
    default_storage.save("reports/rapport.pdf", ContentFile(b"%PDF-1.7 rapport"))
    default_storage.save("original_images/accueil é.png", ContentFile(png_bytes()))
    source = database_url(connection.settings_dict)
    before, media_before = table_digests(source), files(settings.MEDIA_ROOT)
    assert before["coaching_hotlinecall"][0] == 2

    backups = tmp_path / "backups"
    run("backup.sh", DATABASE_URL=source, MEDIA_ROOT=settings.MEDIA_ROOT, BACKUP_DIR=backups)
    (dump,) = backups.glob("db-*.dump")
    (archive,) = backups.glob("media-*.tar.gz")

    restored_media = tmp_path / "restored-media"
    run(
        "restore.sh",
        dump,
        archive,
        DATABASE_URL=empty_database,
        MEDIA_ROOT=restored_media,
    )

    after = table_digests(empty_database)
    assert sorted(after) == sorted(before)
    different = [table for table in before if before[table] != after[table]]
    assert different == []
    assert files(restored_media) == media_before
