"""Compare the stored counting verdict of each animation with the counting rule.

The services keep ``Animation.counts_toward_target`` in step; this command is the
operator's check after a manual database change (``--fix`` stores the rule's verdict).
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from coaching.models import Animation


class Command(BaseCommand):
    help = "Vérifie (et répare avec --fix) le décompte stocké des animations."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="store the rule's verdict")

    def handle(self, *args, fix=False, **options):
        drift = list(Animation.objects.counting_drift().values_list("pk", flat=True))
        if not drift:
            self.stdout.write("Décompte des animations : à jour.")
            return
        if fix:
            changed = Animation.objects.filter(pk__in=drift).refresh_counting()
            self.stdout.write(
                ngettext(
                    "Décompte des animations : %d corrigée.",
                    "Décompte des animations : %d corrigées.",
                    changed,
                )
                % changed
            )
            return
        raise CommandError(
            "Décompte des animations : %d en écart (%s). Relancez avec --fix."
            % (len(drift), ", ".join(str(pk) for pk in drift[:20]))
        )
