"""Query snapshots: the SQL a page or a computation runs, and where each query comes from.

A test wraps the code under measure in ``with snapshot_queries():`` (the fixture in
``tests/conftest.py``). Every query run inside is recorded — its SQL with placeholders
(``IN (%s, …)`` lists folded, ``LIMIT``/``OFFSET`` bounds and savepoint names hidden,
laid out by sqlparse) and the chain
of project functions that ran it — and compared with the test's snapshot, as
les-emplois does with syrupy. A failure shows the query that was added, removed or
changed, not just a count. Run the same block with 1 and with 50 rows under the same
name: the queries must be the same.

SQL differs between SQLite and PostgreSQL, so each database keeps its own snapshots
(``__snapshots__/sqlite/``, ``__snapshots__/postgresql/``); CI checks both. After an
intended change, ``pytest --snapshot-update`` rewrites them (with ``DATABASE_URL`` set for
PostgreSQL's); review the diff like code.
"""

import functools
import re
import sys
from pathlib import Path

import sqlparse
from django.db import connection
from syrupy.extensions.amber import AmberSnapshotExtension

#: The project's packages: a query's origin is the chain of their functions that ran it.
PROJECT_PACKAGES = {
    "agenda",
    "cms",
    "coaching",
    "collab",
    "config",
    "core",
    "demo",
    "maps",
    "newsletter",
    "opendata",
    "organisations",
    "progress",
    "study",
    "trainings",
}
#: Frames kept per query, innermost first.
ORIGIN_DEPTH = 3

IN_LIST = re.compile(r"IN \(%s(?:, %s)*\)")
#: The same, as row values (PostgreSQL's form of a prefetch through a custom queryset).
IN_ROWS = re.compile(r"IN \(\(%s\)(?:, \(%s\))*\)")
SAVEPOINT = re.compile(r'"s\d+_x\d+"')
#: The same condition ORed once per row (a prefetch through a custom queryset).
OR_LIST = re.compile(r'((?:"\w+"\.)?"\w+" = %s)(?: OR \1)+')
#: Django writes a slice's bounds into the SQL; a page of 1 row or 25 is the same query.
LIMIT_OFFSET = re.compile(r"\b(LIMIT|OFFSET) \d+")


class DatabaseAmberExtension(AmberSnapshotExtension):
    """Amber snapshots kept apart per database vendor."""

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(Path(super().dirname(test_location=test_location)) / connection.vendor)


@functools.lru_cache(maxsize=4096)
def normalise(sql: str) -> str:
    """The query as the snapshot keeps it (the same SQL comes back often: cached)."""
    sql = IN_LIST.sub("IN (%s, ...)", sql)
    sql = IN_ROWS.sub("IN ((%s), ...)", sql)
    sql = OR_LIST.sub(r"\1 OR ...", sql)
    sql = SAVEPOINT.sub('"<savepoint>"', sql)
    sql = LIMIT_OFFSET.sub(r"\1 %s", sql)
    return sqlparse.format(sql, reindent=True).strip()


def origin() -> list[str]:
    """The project functions that ran the query, innermost first (tests excluded)."""
    frames = []
    frame = sys._getframe(2)
    while frame is not None and len(frames) < ORIGIN_DEPTH:
        module = frame.f_globals.get("__name__", "")
        if module.split(".")[0] in PROJECT_PACKAGES:
            frames.append("%s.%s" % (module, frame.f_code.co_name))
        frame = frame.f_back
    return frames


class QueryRecorder:
    """A database execute wrapper that notes each query and lets it run."""

    def __init__(self):
        self.queries = []

    def __call__(self, execute, sql, params, many, context):
        self.queries.append({"origin": origin(), "sql": normalise(sql)})
        return execute(sql, params, many, context)

    def __len__(self):
        return len(self.queries)

    def as_snapshot(self) -> dict:
        return {"num_queries": len(self.queries), "queries": self.queries}
