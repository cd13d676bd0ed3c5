"""A readable diff of two texts, line by line, with the changed words marked.

``difflib`` finds the changes; the rows are data that a template lays out as an
accessible table (a caption, column headers, <del>/<ins> with words for screen
readers), not ``difflib.HtmlDiff``'s markup. Unchanged stretches are folded, three
lines of context kept around each change.
"""

import difflib
import re
from dataclasses import dataclass, field

CONTEXT_LINES = 3
_WORDS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Part:
    text: str
    changed: bool = False


@dataclass
class Row:
    #: "equal", "delete", "insert", "replace" or "skip" (folded unchanged lines).
    kind: str
    old_number: int | None = None
    new_number: int | None = None
    old: list = field(default_factory=list)
    new: list = field(default_factory=list)
    skipped: int = 0


def _word_parts(old: str, new: str) -> tuple[list, list]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:  # mostly rewritten: marking single spaces kept helps nobody
        return [Part(old, True)], [Part(new, True)]
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            old_parts.append(Part("".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            new_parts.append(Part("".join(b[j1:j2]), tag != "equal"))
    return old_parts, new_parts


def diff_rows(old_text: str, new_text: str) -> list[Row]:
    """The rows of the diff from ``old_text`` to ``new_text`` (empty: no change)."""
    old_lines, new_lines = old_text.splitlines(), new_text.splitlines()
    if old_lines == new_lines:
        return []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    rows: list[Row] = []
    shown_until = 0  # old lines before this index are already shown or skipped
    for group in matcher.get_grouped_opcodes(CONTEXT_LINES):
        first = group[0][1]
        if first > shown_until:
            rows.append(Row("skip", skipped=first - shown_until))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                for offset in range(i2 - i1):
                    line = old_lines[i1 + offset]
                    rows.append(
                        Row("equal", i1 + offset + 1, j1 + offset + 1, [Part(line)], [Part(line)])
                    )
            elif tag == "replace":
                for offset in range(max(i2 - i1, j2 - j1)):
                    i, j = i1 + offset, j1 + offset
                    if i < i2 and j < j2:
                        old_parts, new_parts = _word_parts(old_lines[i], new_lines[j])
                        rows.append(Row("replace", i + 1, j + 1, old_parts, new_parts))
                    elif i < i2:
                        rows.append(Row("delete", i + 1, None, [Part(old_lines[i], True)]))
                    else:
                        rows.append(Row("insert", None, j + 1, [], [Part(new_lines[j], True)]))
            elif tag == "delete":
                for i in range(i1, i2):
                    rows.append(Row("delete", i + 1, None, [Part(old_lines[i], True)]))
            else:
                for j in range(j1, j2):
                    rows.append(Row("insert", None, j + 1, [], [Part(new_lines[j], True)]))
        shown_until = group[-1][2]
    if rows and shown_until < len(old_lines):
        rows.append(Row("skip", skipped=len(old_lines) - shown_until))
    return rows
