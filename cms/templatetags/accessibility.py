"""The conformity level in the footer of every page, from the audit grid (no query)."""

from django import template

from cms.accessibility import CRITERIA, conformity

register = template.Library()


@register.simple_tag
def conformity_label() -> str:
    return conformity(CRITERIA).label
