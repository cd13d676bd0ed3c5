"""Who may do what in the public site's back office, on top of Wagtail's own page
permissions (groups « Contributeurs ERIC » and « Moderators », see ``cms.editorial``).

Publishing the journal's photos and videos on the public site, and withdrawing them:

- Those who may add photos to a journal record publish them: for an animation, the host
  ERIC's team and its resource person; for a federating event, the programme's resource
  persons and the teams of the ERIC taking part. They may withdraw them too.
- Editors and administrators publish and withdraw any of them.
- The Region, partners and other ERIC may not.

What may be published (held animation, consent, licence) is said by
``cms.services.publication_refusals``, whoever asks.
"""

from coaching.perms import can_document_animation, can_document_federating_event
from coaching.scope import get_scope


def can_publish_animation_media(user, media) -> bool:
    """``media``: an ``AnimationMedia`` with its animation and accompaniment."""
    return get_scope(user).is_editor or can_document_animation(user, media.animation)


def can_publish_event_media(user, media) -> bool:
    """``media``: a ``FederatingEventMedia`` with its event's participations."""
    return get_scope(user).is_editor or can_document_federating_event(user, media.event)


def can_unpublish_any_media_item(user) -> bool:
    """Editors and administrators: they also list the journal's items to publish."""
    return get_scope(user).is_editor


def can_unpublish_media_item(user, item) -> bool:
    """Editors withdraw any item; those who may publish a journal item withdraw it too."""
    if can_unpublish_any_media_item(user):
        return True
    if item.animation_media is not None:
        return can_publish_animation_media(user, item.animation_media)
    if item.event_media is not None:
        return can_publish_event_media(user, item.event_media)
    return False


def can_see_page_settings(user) -> bool:
    """The technical tabs (slug, search engines, scheduled publishing): editors and
    administrators only; ERIC teams and resource persons write the sheet itself."""
    return get_scope(user).is_editor


def can_review_sheets(user) -> bool:
    """The sheets awaiting review are listed to editors and administrators (Wagtail's
    workflow still decides who approves: the « Moderators » group)."""
    return get_scope(user).is_editor
