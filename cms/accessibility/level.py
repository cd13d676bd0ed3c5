"""The conformity level the statement publishes, computed from the grid (RGAA 4.1 §
« État de conformité »): « totalement conforme » only when no criterion is not met,
« partiellement conforme » from 50 % of the applicable criteria met, « non conforme »
below or with no audit."""

from dataclasses import dataclass

from cms.enums import AccessibilityCompliance

from .grid import Verdict


@dataclass(frozen=True)
class Conformity:
    level: str  # AccessibilityCompliance
    met: int
    not_met: int
    not_applicable: int
    failed: tuple  # the criteria not met

    @property
    def rate(self) -> int:
        """Met / applicable, in whole percent, rounded down (never overstated)."""
        applicable = self.met + self.not_met
        return (self.met * 100) // applicable if applicable else 0

    @property
    def label(self) -> str:
        return str(AccessibilityCompliance(self.level).label)


def conformity(criteria) -> Conformity:
    criteria = list(criteria)
    met = [c for c in criteria if c.verdict == Verdict.MET]
    failed = tuple(c for c in criteria if c.verdict == Verdict.NOT_MET)
    not_applicable = [c for c in criteria if c.verdict == Verdict.NOT_APPLICABLE]
    if not criteria or not (met or failed):
        level = AccessibilityCompliance.NONE
    elif not failed:
        level = AccessibilityCompliance.FULL
    elif len(met) * 2 >= len(met) + len(failed):
        level = AccessibilityCompliance.PARTIAL
    else:
        level = AccessibilityCompliance.NONE
    return Conformity(
        level=level,
        met=len(met),
        not_met=len(failed),
        not_applicable=len(not_applicable),
        failed=failed,
    )
