"""The accompaniment's pages, one module per area: a user's home (``home``), the
milestones (``milestones``), the journal's overview and lists (``journal``, described
in ``lists``), the hotline (``hotline``), coaching sessions (``sessions``), animations
(``animations``), federating events (``events``), their photos and videos (``media``),
a record's history (``history``), the maturity grid (``maturity``).

Every view asks ``coaching.perms`` first; every write goes through ``coaching.services``.
The progress pages (dashboard, report, my week, an ERIC's trajectory) are in
``progress.views``."""
