"""Who plans, writes and publishes the newsletter.

* The programme's **editors**: the site's editors, the administrators and the
  programme's resource persons plan an issue, comment, preview, publish and import
  contacts.
* A **contributor** is a member of the organisation a section is assigned to: it
  writes that section, and only that one. Any other section is a 404 for it.
"""

from coaching.scope import get_scope


def can_edit_newsletter(user, programme_id: int) -> bool:
    scope = get_scope(user)
    return scope.is_editor or programme_id in scope.coached_programme_ids


def can_edit_any_newsletter(user) -> bool:
    scope = get_scope(user)
    return scope.is_editor or bool(scope.coached_programme_ids)


def organisation_ids(user) -> set:
    """The organisations ``user`` belongs to (whatever the role)."""
    if not user.is_authenticated:
        return set()
    return set(user.memberships.values_list("organisation_id", flat=True))


def can_write_section(user, section) -> bool:
    return can_edit_newsletter(user, section.issue.programme_id) or (
        section.organisation_id in organisation_ids(user)
    )
