"""What every form of the platform shares."""

import datetime
import json
from collections.abc import Callable
from contextlib import contextmanager

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.forms.boundfield import BoundField
from django.forms.models import model_to_dict
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.dates import FIRST_DAY, LAST_DAY
from core.widgets import DateInput, DateTimeInput

DAY_OUT_OF_RANGE = _("Indiquez une date entre 2000 et 2099.")


class BoundedDayMixin:
    """Refuse a day outside ``core.dates``' years with a French message on the field.

    Beyond them a date is a typing slip (« 0202-10-01 »), and the pages that compute
    the midnight after it, or the database converting it to UTC, would fail: every date
    and datetime field of the platform is one of the two below (a test walks the forms
    to hold it)."""

    default_error_messages = {"out_of_range": DAY_OUT_OF_RANGE}

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        day = value.date() if isinstance(value, datetime.datetime) else value
        if not FIRST_DAY <= day <= LAST_DAY:
            raise ValidationError(
                self.error_messages["out_of_range"], code="out_of_range"
            ) from None


class DateField(BoundedDayMixin, forms.DateField):
    widget = DateInput


class DateTimeField(BoundedDayMixin, forms.DateTimeField):
    widget = DateTimeInput

    def to_python(self, value):
        # Django makes the typed wall time aware in Europe/Paris; near year 1 or 9999
        # the zone's arithmetic overflows before ``validate`` could say why.
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["out_of_range"], code="out_of_range"
            ) from None


class ServiceErrorsMixin:
    """Show a service's refusal on the form, each message beside its field.

    A service validates the model (``full_clean``) and the rules it owns; its
    ``ValidationError`` lands on the matching fields, or above the form when it names
    none (or a field the form does not show). Nothing is saved in that case: services
    write inside a transaction."""

    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for field, messages in error.error_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            for message in error.messages:
                self.add_error(None, message)


class EditConflictMixin:
    """Two people editing the same record: the second is told, nothing is overwritten.

    Optimistic locking without a version column: the view gives the form the record's
    values as it shows them (``expect_unchanged(values)``); they travel signed in the
    hidden ``edit_token`` field. On the post the view passes the record's values as they
    are now (the same call): if someone changed any of them meanwhile, the form is
    invalid with a French message naming the fields changed, and carries the new values
    in its token, so that a second « Enregistrer » after checking them saves. A forged
    token is a conflict; a post without the field at all (not sent by the form) is not
    checked."""

    edit_token_salt = "core.forms.edit-conflict"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edit_token"] = forms.CharField(widget=forms.HiddenInput, required=False)
        self._current = None

    @cached_property
    def changed_data(self):
        # the token is the form's, not the record's: never a change to save
        return [name for name in super().changed_data if name != "edit_token"]

    @staticmethod
    def _comparable(values: dict) -> dict:
        return json.loads(json.dumps(values, cls=DjangoJSONEncoder, sort_keys=True))

    def expect_unchanged(self, values: dict) -> None:
        """``values``: the record's editable values now, keyed by field name."""
        self._current = self._comparable(values)
        token = signing.dumps(self._current, salt=self.edit_token_salt)
        # a form rebuilt from what was typed (a step of the page) keeps the typed token
        self.initial.setdefault("edit_token", token)
        if self.is_bound:
            self._fresh_token = token

    def _shown(self, name) -> str:
        value = self._current.get(name)
        field = self.fields.get(name)
        choices = dict(getattr(field, "choices", None) or []) if field is not None else {}
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(choices.get(v, "" if v is None else v)) for v in values)

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("edit_token", None)  # the form's, not the record's
        if self._current is None or not self.is_bound or "edit_token" not in self.data:
            # a post without the field did not come from the form (a script, a test
            # posting directly): it states no version to compare; every page carries it
            return cleaned
        try:
            seen = signing.loads(self.data.get("edit_token", ""), salt=self.edit_token_salt)
        except signing.BadSignature:
            seen = None
        if seen == self._current:
            return cleaned
        changed = sorted(
            {
                name
                for name in set(self._current) | set(seen or {})
                if (seen or {}).get(name) != self._current.get(name)
            }
        )
        now = [
            "%s (désormais « %s »)"
            % (self.fields[name].label if name in self.fields else name, self._shown(name))
            for name in changed
        ]
        # the next post compares with what the person has now been shown
        self.data = self.data.copy()
        self.data["edit_token"] = self._fresh_token
        raise ValidationError(
            _(
                "Quelqu'un d'autre a modifié cette fiche pendant que vous la modifiiez : "
                "%(fields)s. Rien n'a été enregistré. Vérifiez ces champs (ci-dessous, "
                "votre saisie ; la fiche enregistrée a changé) puis enregistrez à nouveau."
            )
            % {"fields": " ; ".join(now) if seen is not None else _("toute la fiche")},
            code="edit_conflict",
        )


@contextmanager
def guard_edit(form: EditConflictMixin, record, values_of: Callable[[object], dict]):
    """The one way an edit page saves a record two people may be editing.

    ``values_of(record)`` gives the record's editable values, keyed by the form's field
    names (ids for related records). On a page shown, the form carries them signed
    (``EditConflictMixin``). On a post, the block runs in a transaction holding the
    record's row locked (``select_for_update``): its values are read again under the lock
    and compared with the form's, so a save that slipped in between the check and the
    write waits for the lock and then finds itself refused. Yields the record as locked,
    which the block hands to its service; ``None`` (a new record) is yielded as is.

        with guard_edit(form, session, session_values) as session:
            if request.method == "POST" and form.is_valid():
                services.coaching_session_update(by=..., session=session, ...)
    """
    if record is None:
        yield None
        return
    if not form.is_bound:
        form.expect_unchanged(values_of(record))
        yield record
        return
    with transaction.atomic():
        locked = type(record)._base_manager.select_for_update().get(pk=record.pk)
        form.expect_unchanged(values_of(locked))
        yield locked


def model_form_values(form_class) -> Callable[[object], dict]:
    """``values_of`` for ``guard_edit`` with a ModelForm: the record's values of the
    form's model fields (ids for related records)."""
    fields = form_class._meta.fields

    def values_of(record) -> dict:
        return {
            name: [getattr(item, "pk", item) for item in value]
            if isinstance(value, list | tuple)
            else value
            for name, value in model_to_dict(record, fields=fields).items()
        }

    return values_of


class AccessibleBoundField(BoundField):
    """Say "required" to assistive technologies on every control, and give the error
    summary a focusable target.

    Django writes ``required`` on inputs (our forms carry ``novalidate``, so the browser
    never blocks a submission: the server's validation stays the one that speaks), but
    not on a single ``<select>`` whose first option is not empty (HTML forbids
    ``required`` there): those get ``aria-required="true"`` (RGAA 11.10)."""

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if (
            self.field.required
            and not self.field.disabled
            and not attrs.get("required")
            and isinstance(widget, forms.Select)
        ):
            attrs["aria-required"] = "true"
        return attrs

    @property
    def summary_target_id(self) -> str:
        """The id an error summary's link points to: the control itself, or the first
        option of a radio or checkbox group (a fieldset cannot take focus)."""
        if self.id_for_label:
            return self.id_for_label
        if self.auto_id and self.subwidgets:
            return self.subwidgets[0].id_for_label
        return self.auto_id


class FormRenderer(DjangoTemplates):
    """The project's form renderer (``FORM_RENDERER``): Django's, with the bound field
    above for every form, Wagtail's included."""

    bound_field_class = AccessibleBoundField


class LoginForm(AuthenticationForm):
    """A refused login marks both fields invalid and points them at the message, which
    ``components/form_errors.html`` renders under this id."""

    error_id = "erreurs-formulaire"

    def get_invalid_login_error(self):
        for name in ("username", "password"):
            self.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": self.error_id}
            )
        return super().get_invalid_login_error()
