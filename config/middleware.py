"""French first: the interface is French unless the user chose another language."""

from django.conf import settings
from django.utils import translation

from core.language import chosen_language


class ChosenLanguageMiddleware:
    """Activate the language picked with the switch (its cookie), else French.

    Django's LocaleMiddleware would follow the browser's Accept-Language and show an
    English browser a half-translated page; the programme is run in French, so the
    browser is not asked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = chosen_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
