"""Who may change an ERIC's trust circles: its team, its resource person, administrators.

Reading is public: the circles are drawn on the ERIC's public page.
"""

from coaching.scope import get_scope


def can_edit_trust_circles(user, eric) -> bool:
    scope = get_scope(user)
    return (
        scope.is_administrator
        or eric.pk in scope.team_eric_ids
        or eric.pk in scope.coached_eric_ids
    )


def can_change_trust_circle_entry(user, entry) -> bool:
    return can_edit_trust_circles(user, entry.eric)
