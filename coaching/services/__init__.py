"""Every write of the accompaniment, each in a transaction, announced after commit.

One module per entity; the functions are re-exported here, so callers write
``services.animation_create(by=…, …)``. Each checks its permission, validates the model
(French errors) and announces the change (``core.changes``).
"""

from .animations import (
    accompaniment_counting_refresh,
    animation_create,
    animation_document,
    animation_media_add,
    animation_partner_add,
    animation_update,
    programme_counting_refresh,
)
from .events import federating_event_create, federating_event_media_add, federating_event_update
from .hotline import (
    hotline_call_create,
    hotline_call_update,
    hotline_follow_up_add,
    hotline_follow_up_set_done,
    hotline_slot_hold,
)
from .maturity import (
    maturity_assessment_open,
    maturity_assessment_save_draft,
    maturity_assessment_send_back,
    maturity_assessment_submit,
    maturity_assessment_validate,
)
from .milestones import milestone_create, milestone_update
from .sessions import coaching_session_create, coaching_session_update
from .tallies import rebuild_tallies, tally_drift

__all__ = [
    "accompaniment_counting_refresh",
    "animation_create",
    "animation_document",
    "animation_media_add",
    "animation_partner_add",
    "animation_update",
    "coaching_session_create",
    "coaching_session_update",
    "federating_event_create",
    "federating_event_media_add",
    "federating_event_update",
    "hotline_call_create",
    "hotline_call_update",
    "hotline_follow_up_add",
    "hotline_follow_up_set_done",
    "hotline_slot_hold",
    "maturity_assessment_open",
    "maturity_assessment_save_draft",
    "maturity_assessment_send_back",
    "maturity_assessment_submit",
    "maturity_assessment_validate",
    "milestone_create",
    "milestone_update",
    "programme_counting_refresh",
    "rebuild_tallies",
    "tally_drift",
]
