"""The accompaniment's models: the programme and its trajectories (``programme``), the
coaching journal (``journal``: hotline, coaching sessions, animations), the federating
events (``events``) and the tiers-lieu maturity grid (``maturity``)."""

from .events import FederatingEvent, FederatingEventMedia, FederatingEventParticipation
from .journal import (
    Animation,
    AnimationMedia,
    CoachingSession,
    HotlineCall,
    HotlineCallTopic,
    HotlineFollowUp,
    HotlineSlot,
)
from .maturity import MaturityAssessment, MaturityScore
from .programme import Accompaniment, Milestone, Programme, Target

__all__ = [
    "Accompaniment",
    "Animation",
    "AnimationMedia",
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
