"""What the journal's services share: announcing a change of a record of an ERIC."""

from core.changes import ChangeKind, announce


def announce_record(kind: ChangeKind, record, *, shared: bool = True) -> None:
    """Announce a change of a record that hangs on an accompaniment."""
    accompaniment = record.accompaniment
    announce(
        kind,
        pk=record.pk,
        programme_id=accompaniment.programme_id,
        eric_id=accompaniment.eric_id,
        shared=shared,
    )
