"""What every view shares."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def get_allowed_or_403(queryset, check, user, **lookup):
    """The object of ``queryset`` matching ``lookup`` (404 when there is none), if
    ``check(user, obj)`` lets the user see it (403 otherwise)."""
    obj = get_object_or_404(queryset, **lookup)
    if not check(user, obj):
        raise PermissionDenied
    return obj
