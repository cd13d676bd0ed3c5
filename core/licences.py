"""The licences of everything the programme publishes: one enumeration for the platform.

Content is under Creative Commons BY-SA 4.0 by default; project sheets and organisation
models may be under MoveCommons (seeds/004). Each kind of content offers the licences
that fit it (:data:`PUBLICATION_LICENCES`, :data:`MEDIA_LICENCES`,
:data:`MATERIAL_LICENCES`), all spelled the same way in the database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Licence(models.TextChoices):
    CC_BY_SA_4 = "cc-by-sa-4.0", _("Creative Commons BY-SA 4.0")
    CC_BY_4 = "cc-by-4.0", _("Creative Commons BY 4.0")
    CC0 = "cc0-1.0", _("CC0 1.0 (domaine public)")
    MOVECOMMONS = "movecommons", _("MoveCommons")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("tous droits réservés")

    @property
    def url(self) -> str:
        return LICENCE_URLS.get(self, "")

    @property
    def short_name(self) -> str:
        return LICENCE_SHORT_NAMES.get(self, str(self.label))


LICENCE_URLS = {
    Licence.CC_BY_SA_4: "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
    Licence.CC_BY_4: "https://creativecommons.org/licenses/by/4.0/deed.fr",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/deed.fr",
    Licence.MOVECOMMONS: "http://movecommons.org/",
}

LICENCE_SHORT_NAMES = {
    Licence.CC_BY_SA_4: "CC BY-SA 4.0",
    Licence.CC_BY_4: "CC BY 4.0",
    Licence.CC0: "CC0 1.0",
    Licence.MOVECOMMONS: "MoveCommons",
}

#: « Code source » sheets: free licences only.
PUBLICATION_LICENCES = (Licence.CC_BY_SA_4, Licence.CC_BY_4, Licence.MOVECOMMONS)
#: Photos and videos of the journal (animations, federating events).
MEDIA_LICENCES = (Licence.CC_BY_SA_4, Licence.CC_BY_4, Licence.CC0)
#: The public photo and video library: every free licence, so that any journal photo or
#: video may be published there.
MEDIA_LIBRARY_LICENCES = (Licence.CC_BY_SA_4, Licence.CC_BY_4, Licence.CC0, Licence.MOVECOMMONS)
#: A training's materials: a trainer may keep their rights.
MATERIAL_LICENCES = (
    Licence.CC_BY_SA_4,
    Licence.CC_BY_4,
    Licence.MOVECOMMONS,
    Licence.ALL_RIGHTS_RESERVED,
)


def licence_choices(licences) -> list[tuple[str, str]]:
    """``choices`` for a field that offers ``licences``."""
    return [(licence.value, licence.label) for licence in licences]
