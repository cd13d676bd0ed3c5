"""French grammar for names put into sentences.

« de » before a name contracts with the name's own article: « l'appel du Hublot »,
« des Satellites », « de la Médiathèque », « de l'Atelier », « d'Aix-Solidarité »,
« de Made in la Boate ». A translated sentence takes the result whole, so the French
message reads « Appel %(of_eric)s » and the English one « Call from %(of_eric)s »: in
any other language than French the name comes back bare.
"""

from django.utils.translation import get_language

VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸaeiouyàâäéèêëîïôöùûüÿ")


def of_name(name: str) -> str:
    """« de » + ``name`` as French writes it; ``name`` alone in other languages."""
    name = (name or "").strip()
    if not name or not (get_language() or "fr").startswith("fr"):
        return name
    for article, contracted in (("Les ", "des "), ("Le ", "du "), ("La ", "de la ")):
        if name.startswith(article):
            return contracted + name[len(article) :]
    for apostrophe in ("L'", "L’"):
        if name.startswith(apostrophe):
            return "de l" + name[1:]
    if name[0] in VOWELS:
        return "d'" + name
    return "de " + name
