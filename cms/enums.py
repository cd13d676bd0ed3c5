from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    """The free licences the programme publishes under (seeds/004)."""

    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons BY-SA 4.0")
    CC_BY_4 = "cc-by-4.0", _("Creative Commons BY 4.0")
    MOVECOMMONS = "movecommons", _("MoveCommons")

    @property
    def url(self) -> str:
        return LICENCE_URLS[self]

    @property
    def short_name(self) -> str:
        return LICENCE_SHORT_NAMES[self]


LICENCE_URLS = {
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.fr",
    Licence.MOVECOMMONS: "http://movecommons.org/",
}

LICENCE_SHORT_NAMES = {
    Licence.CC_BY_SA_4: "CC BY-SA 4.0",
    Licence.CC_BY_4: "CC BY 4.0",
    Licence.MOVECOMMONS: "MoveCommons",
}


class AccessibilityCompliance(models.TextChoices):
    """RGAA 4.1 compliance states, as the accessibility statement must say them."""

    NONE = "none", _("non conforme")
    PARTIAL = "partial", _("partiellement conforme")
    FULL = "full", _("totalement conforme")
