"""Recount the counted animations' monthly tallies from the records (ADR 0023).

The services keep the tallies in step with every write; this is the operator's tool after
a write that bypassed them (a manual SQL fix, a bulk import, ``check_counting --fix``)
and what the migration that created the tallies ran. ``--check`` only compares.
"""

from django.core.management.base import BaseCommand, CommandError

from coaching.models import Programme
from coaching.services import rebuild_tallies, tally_drift


def _describe(key) -> str:
    kind, value = key
    if kind == "eric":
        return "total de l'accompagnement %d" % value
    if kind == "month":
        return "total du programme en %s" % value.strftime("%m/%Y")
    return "accompagnement %d en %s" % (kind, value.strftime("%m/%Y"))


class Command(BaseCommand):
    help = "Recompte les décomptes mensuels d'animations (ou les vérifie avec --check)."

    def add_arguments(self, parser):
        parser.add_argument("--programme", help="identifiant d'adresse (slug) d'un programme")
        parser.add_argument(
            "--check", action="store_true", help="compare sans écrire ; échoue en cas d'écart"
        )

    def handle(self, *args, programme=None, check=False, **options):
        programmes = Programme.objects.order_by("pk")
        if programme is not None:
            programmes = programmes.filter(slug=programme)
            if not programmes:
                raise CommandError("Aucun programme « %s »." % programme)
        drifts = 0
        for each in programmes:
            if check:
                drift = tally_drift(each)
                drifts += len(drift)
                for key, (tally, records) in sorted(drift.items(), key=str)[:20]:
                    self.stdout.write(
                        "%s : %s : décompte %d, animations %d"
                        % (each.slug, _describe(key), tally, records)
                    )
            else:
                written = rebuild_tallies(each)
                self.stdout.write("%s : %d cases recomptées." % (each.slug, written))
        if check:
            if drifts:
                raise CommandError(
                    "Décomptes mensuels : %d en écart. Lancez rebuild_tallies." % drifts
                )
            self.stdout.write("Décomptes mensuels : à jour.")
