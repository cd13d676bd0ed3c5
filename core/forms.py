"""What every form of the platform shares."""

import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
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
