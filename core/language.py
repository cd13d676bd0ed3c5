"""French first: the interface is French unless the user chose another language.

The page's language comes from the switch's cookie, for HTTP requests (the middleware
in ``config``) and websockets (the consumer in ``progress``) alike; the browser's
Accept-Language is never asked.
"""

from http.cookies import SimpleCookie

from django.conf import settings


def chosen_language(cookie_value) -> str:
    """The language picked with the switch (its cookie's value), else French."""
    languages = {code for code, _ in settings.LANGUAGES}
    return cookie_value if cookie_value in languages else settings.LANGUAGE_CODE


def language_of_asgi_scope(scope) -> str:
    """The language of a websocket's page, from the switch's cookie in its headers."""
    cookies = SimpleCookie()
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookies.load(value.decode("latin-1"))
    morsel = cookies.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen_language(morsel.value if morsel else None)
