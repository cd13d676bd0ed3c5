"""French grammar in templates, loaded everywhere (the TEMPLATES settings' ``builtins``):

- ``{{ eric.name|of_name }}`` → « du Hublot » (see ``core.french``);
- ``{{ day|day_date:"j F Y" }}`` → « 1er mai 2027 », « 2 mai 2027 »: the ``date`` filter
  with French's « 1er » for the first of a month (see ``core.dates.first_day_format``).
"""

from django import template
from django.template.defaultfilters import date as date_filter

from core.dates import first_day_format
from core.french import of_name as _of_name

register = template.Library()


@register.filter
def of_name(name):
    return _of_name(str(name))


@register.filter(expects_localtime=True, is_safe=False)
def day_date(value, format="j F Y"):
    """Like ``|date:format``, the first of a month written « 1er » in French."""
    if value in (None, ""):
        return ""
    return date_filter(value, first_day_format(value, format))
