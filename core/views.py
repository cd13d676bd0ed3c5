"""What every view shares."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404


def get_visible_or_404(queryset, can_view, user, *, may=None, **lookup):
    """The object of ``queryset`` matching ``lookup``, if ``can_view(user, obj)`` lets
    the user see it; 404 otherwise, the same answer as for a record that does not
    exist, so that another ERIC's ids tell nothing (docs/security.md).

    ``may``: a second check for what the view does with a record the user sees
    (change it, publish it): refused with 403, the record's existence being known."""
    obj = get_object_or_404(queryset, **lookup)
    if not can_view(user, obj):
        raise Http404
    if may is not None and not may(user, obj):
        raise PermissionDenied
    return obj
