"""French search without accents: the same normalisation for the index and the query.

The database search backend behaves differently on SQLite (FTS5 strips diacritics) and
PostgreSQL (the ``simple`` configuration keeps them). Pages index an accent-stripped,
lower-cased copy of their text and queries are normalised the same way, so "reemploi"
and "réemploi" find the same sheets on both.
"""

import re
import unicodedata

from django.utils.html import strip_tags

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
WORD = re.compile(r"\w+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    return "".join(char for char in text if not unicodedata.combining(char)).lower()


def normalised_text(*parts) -> str:
    """The words of ``parts`` (plain text or HTML), accent-stripped, one space apart."""
    return " ".join(WORD.findall(normalise(" ".join(strip_tags(part or "") for part in parts))))


def normalise_query(query: str) -> str:
    """The query's words, normalised; empty when it holds no word (only punctuation)."""
    return " ".join(WORD.findall(normalise(query or "")))[:200]
