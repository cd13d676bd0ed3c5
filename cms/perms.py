"""Who may publish the journal's photos and videos on the public site, and withdraw them.

- The host ERIC's team and its resource person publish the photos and videos of their
  ERIC's animations (those who may document the animation), and may withdraw them.
- Editors and administrators publish and withdraw any of them.
- The Region, partners and other ERIC may not.

What may be published (held animation, consent, licence) is said by
``cms.services.publication_refusals``, whoever asks.
"""

from coaching.perms import can_document_animation
from coaching.scope import get_scope


def can_publish_animation_media(user, media) -> bool:
    """``media``: an ``AnimationMedia`` with its animation and accompaniment."""
    return get_scope(user).is_editor or can_document_animation(user, media.animation)


def can_unpublish_any_media_item(user) -> bool:
    """Editors and administrators: they also list the journal's items to publish."""
    return get_scope(user).is_editor


def can_unpublish_media_item(user, item) -> bool:
    """Editors withdraw any item; those who may publish a journal item withdraw it too."""
    if can_unpublish_any_media_item(user):
        return True
    return item.source_media is not None and can_publish_animation_media(user, item.source_media)
