"""Fill the French catalogue's plural entries with their own source text.

The interface is written in French, so French needs no translation, except for
plurals: without a French entry, gettext falls back to the English rule (n != 1) and
shows "0 fiches publiées". With the entry present, French's rule (n > 1) applies.
Run by `make messages` after makemessages.
"""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def main() -> None:
    catalogue = polib.pofile(str(CATALOGUE))
    catalogue.metadata["Language"] = "fr"
    catalogue.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    catalogue.metadata_is_fuzzy = False
    for entry in catalogue:
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = ""
    catalogue.save()
    print("French catalogue: %d plural entries." % sum(1 for e in catalogue if e.msgid_plural))


if __name__ == "__main__":
    main()
