"""Error pages in the user's language, with the site's layout.

A database that cannot be reached (PostgreSQL stopped, the connection pool exhausted)
answers the French « service momentanément indisponible » page, status 503, instead of
a 500: from a view through :class:`DatabaseUnavailableMiddleware`, from anywhere else
(a middleware saving the session…) through ``handler500``.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.deprecation import MiddlewareMixin


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


logger = logging.getLogger(__name__)

#: What a database that is down raises (Django wraps the driver's and the pool's errors).
DATABASE_DOWN = (OperationalError, InterfaceError)
#: Seconds the 503 page asks clients and the proxy to wait before trying again.
RETRY_AFTER = 30


def database_unavailable(request=None):
    # No request context: its processors (the user, the navigation) need the database.
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN):
        return database_unavailable(request)
    # No request context: its processors may need the database that just failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    """A view that finds the database down answers the French 503 page.

    Only a ``process_exception`` hook (Django's mixin calls it): no frame of ours on the
    way to every view, so the recorded query chains stay those of the pages."""

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable: %s", exception)
            return database_unavailable(request)
        return None
