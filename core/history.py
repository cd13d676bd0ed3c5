"""A record's history in French, read from django-auditlog's entries.

Only the fields a person fills in are shown (not the id, the timestamps or reverse
relations); choices, booleans and empty values read as words, many-to-many changes as
the organisations added or removed.
"""

from auditlog.models import LogEntry
from django.utils.translation import gettext as _

HIDDEN_FIELDS = {"id", "created_at", "updated_at", "created_by", "uploaded_by", "file"}


def action_label(action: int) -> str:
    return {
        LogEntry.Action.CREATE: _("création"),
        LogEntry.Action.UPDATE: _("modification"),
        LogEntry.Action.DELETE: _("suppression"),
    }.get(action, _("accès"))


def _readable(value) -> str:
    if value in (None, "None", ""):
        return "—"
    if value in ("True", True):
        return _("oui")
    if value in ("False", False):
        return _("non")
    return str(value)


def describe_changes(entry) -> list[dict]:
    """``[{"label", "before", "after"} | {"label", "text"}]`` for one log entry."""
    model = entry.content_type.model_class()
    if model is None:
        return []
    display = entry.changes_display_dict
    rows = []
    for name, values in entry.changes_dict.items():
        if name in HIDDEN_FIELDS:
            continue
        try:
            field = model._meta.get_field(name)
        except Exception:  # a field since removed: show its raw name
            field = None
        if field is not None and (
            field.auto_created or (not field.concrete and not field.many_to_many)
        ):
            continue
        label = str(field.verbose_name) if field is not None else name
        if isinstance(values, dict):  # many-to-many: {"type", "operation", "objects"}
            operation = values.get("operation")
            objects = ", ".join(str(obj) for obj in values.get("objects", []))
            text = {
                "add": _("ajout : %(objects)s"),
                "delete": _("retrait : %(objects)s"),
                "clear": _("tout retiré"),
            }.get(operation, "%(objects)s") % {"objects": objects}
            rows.append({"label": label, "text": text})
            continue
        shown = display.get(field.verbose_name if field is not None else name, values)
        if not isinstance(shown, list | tuple) or len(shown) != 2:
            rows.append({"label": label, "text": _readable(shown)})
            continue
        before, after = _readable(shown[0]), _readable(shown[1])
        if before != after:  # a blank field on creation says nothing
            rows.append({"label": label, "before": before, "after": after})
    return rows
