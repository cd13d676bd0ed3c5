"""Every write of the collaborative platform, each in a transaction, one module per
flow (spaces and invitations, the wiki, proposals to the knowledge base)."""

from .sheets import wiki_page_propose
from .spaces import find_user, invitation_create, invitation_revoke, sync_spaces
from .wiki import WikiConflict, wiki_page_create, wiki_page_save, wiki_revision_restore

__all__ = [
    "WikiConflict",
    "find_user",
    "invitation_create",
    "invitation_revoke",
    "sync_spaces",
    "wiki_page_create",
    "wiki_page_propose",
    "wiki_page_save",
    "wiki_revision_restore",
]
