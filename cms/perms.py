"""Who may do what in the public site's editing space, on top of Wagtail's own page
permissions (groups « Contributeurs ERIC » and « Moderators », see ``cms.editorial``)."""

from coaching.scope import get_scope


def can_see_page_settings(user) -> bool:
    """The technical tabs (slug, search engines, scheduled publishing): editors and
    administrators only; ERIC teams and resource persons write the sheet itself."""
    return get_scope(user).is_editor


def can_review_sheets(user) -> bool:
    """The sheets awaiting review are listed to editors and administrators (Wagtail's
    workflow still decides who approves: the « Moderators » group)."""
    return get_scope(user).is_editor
