"""``{% load french %}``: ``{{ eric.name|of_name }}`` → « du Hublot » (see core.french).

Registered in the TEMPLATES settings' ``libraries``: ``core`` is not an installed app.
"""

from django import template

from core.french import of_name as _of_name

register = template.Library()


@register.filter
def of_name(name):
    return _of_name(str(name))
