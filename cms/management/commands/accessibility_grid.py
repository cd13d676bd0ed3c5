"""Write (or check) docs/accessibility.md from the RGAA audit grid."""

from django.core.management.base import BaseCommand, CommandError

from cms.accessibility.document import DOCUMENT, grid_markdown


class Command(BaseCommand):
    help = "Écrit docs/accessibility.md à partir de la grille d'audit RGAA (--check : vérifie)."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true")
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, write=False, check=False, **options):
        text = grid_markdown()
        if write:
            DOCUMENT.write_text(text, encoding="utf-8")
            self.stdout.write("%s written." % DOCUMENT)
        elif check:
            current = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
            if current != text:
                raise CommandError(
                    "docs/accessibility.md is out of date: "
                    "python manage.py accessibility_grid --write"
                )
        else:
            self.stdout.write(text)
