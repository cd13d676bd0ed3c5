"""Fail when a committed .mo file does not match its .po source.

The compiled catalogues are committed because ``msgfmt`` may be missing on a fresh
machine; this script compiles each .po in memory (no msgfmt needed) and compares the
messages with the committed .mo.
"""

import gettext
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    stale = []
    for po_path in sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            stale.append("%s (missing)" % mo_path.relative_to(ROOT))
            continue
        # A message with a context is stored as « context\x04msgid » in the .mo.
        expected = {
            (entry.msgctxt + "\x04" + entry.msgid if entry.msgctxt else entry.msgid): (entry.msgstr)
            for entry in polib.pofile(str(po_path))
            if entry.translated() and not entry.msgid_plural and not entry.obsolete
        }
        with mo_path.open("rb") as handle:
            catalogue = gettext.GNUTranslations(handle)._catalog
        for msgid, msgstr in expected.items():
            if catalogue.get(msgid) != msgstr:
                stale.append("%s (%r)" % (mo_path.relative_to(ROOT), msgid[:40]))
                break
    if stale:
        print("Compiled translations are out of date; run `make messages`:")
        print("\n".join("  " + item for item in stale))
        return 1
    print("Translations: compiled catalogues match their sources.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
