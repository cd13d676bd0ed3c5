"""What every service shares."""

from collections.abc import Iterable


def refuse_non_editable(changes: Iterable[str], editable: Iterable[str]) -> None:
    """A service is called with the fields it may change, and no other: a programming
    error, never a user's (forms only offer the editable fields)."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise TypeError("Not editable: %s" % ", ".join(sorted(unknown)))


def apply_changes(record, changes: dict, editable: Iterable[str]) -> None:
    """Set ``changes`` on ``record`` after checking that each field is ``editable``."""
    refuse_non_editable(changes, editable)
    for field, value in changes.items():
        setattr(record, field, value)
