"""The accompaniment's models, one module per entity: the programme and its trajectories
(``programme``), the hotline (``hotline``), coaching sessions (``sessions``), animations
(``animations``), federating events (``events``), the journal's photos and videos
(``media``), the tiers-lieu maturity grid (``maturity``), the counted animations'
monthly tallies (``tallies``); what the journal's records share is in ``records``."""

from .animations import ATTENDANCE_FIELDS, REPORT_FIELD, Animation
from .events import FederatingEvent, FederatingEventParticipation
from .hotline import HotlineCall, HotlineCallTopic, HotlineFollowUp, HotlineSlot
from .maturity import MaturityAssessment, MaturityScore
from .media import AnimationMedia, FederatingEventMedia
from .programme import Accompaniment, Milestone, Programme, Target
from .sessions import CoachingSession
from .tallies import AnimationTally, AnimationTallyByEric, AnimationTallyByMonth

__all__ = [
    "ATTENDANCE_FIELDS",
    "REPORT_FIELD",
    "Accompaniment",
    "Animation",
    "AnimationMedia",
    "AnimationTally",
    "AnimationTallyByEric",
    "AnimationTallyByMonth",
    "CoachingSession",
    "FederatingEvent",
    "FederatingEventMedia",
    "FederatingEventParticipation",
    "HotlineCall",
    "HotlineCallTopic",
    "HotlineFollowUp",
    "HotlineSlot",
    "MaturityAssessment",
    "MaturityScore",
    "Milestone",
    "Programme",
    "Target",
]
