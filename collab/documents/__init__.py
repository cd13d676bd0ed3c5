"""Shared documents of the collaborative spaces (issue #16, item 4; ADR 0025).

Folders per space (nested, renamable), documents with their versions, previews of images
and PDFs, their text for the search. One module per concern: ``models``, ``services``
(every write), ``selectors`` (reads), ``previews`` (made in the task worker), ``forms``,
``tasks``. The views are ``collab/views/documents.py``."""
