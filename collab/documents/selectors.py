"""The shared documents' reads, each a fixed number of queries whatever the rows."""

from dataclasses import dataclass, field

from .models import Document, Folder


@dataclass
class FolderTree:
    """Every folder of a space, read in one query: children, paths and lookups in Python
    (a space holds tens of folders, not thousands)."""

    by_id: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)

    def path(self, folder) -> list:
        """``folder``'s ancestors from the root, then ``folder``."""
        path = []
        while folder is not None:
            path.append(folder)
            folder = self.by_id.get(folder.parent_id)
        return path[::-1]

    def children_of(self, folder) -> list:
        return self.children.get(folder.pk if folder is not None else None, [])

    def labelled(self) -> list[tuple]:
        """``(folder, "Comptes rendus / 2026")`` for every folder, depth first and by
        name: what a list of destinations shows."""
        found = []

        def walk(parent, names):
            for child in self.children_of(parent):
                label = [*names, child.name]
                found.append((child, " / ".join(label)))
                walk(child, label)

        walk(None, [])
        return found


def folder_tree(space) -> FolderTree:
    tree = FolderTree()
    for folder in Folder.objects.filter(space=space).order_by("name"):
        folder.space = space
        tree.by_id[folder.pk] = folder
        tree.children.setdefault(folder.parent_id, []).append(folder)
    return tree


def folder_documents(user, space, folder):
    """The documents of ``folder`` (``None``: the space's root) ``user`` may see, by
    title, with their current version and its author."""
    return (
        Document.objects.visible_to(user)
        .filter(space=space, folder=folder)
        .select_related("current_version", "current_version__author")
        .order_by("title", "pk")
    )


def document_versions(document):
    return document.versions.select_related("author").order_by("-number")
