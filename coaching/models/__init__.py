"""The accompaniment's models: the programme and its trajectories (``programme``), and
the coaching journal (``journal``: hotline, coaching sessions, animations)."""

from .journal import (
    Animation,
    AnimationMedia,
    CoachingSession,
    HotlineCall,
    HotlineCallTopic,
    HotlineFollowUp,
    HotlineSlot,
)
from .programme import Accompaniment, Milestone, Programme, Target

__all__ = [
    "Accompaniment",
    "Animation",
    "AnimationMedia",
    "CoachingSession",
    "HotlineCall",
    "HotlineCallTopic",
    "HotlineFollowUp",
    "HotlineSlot",
    "Milestone",
    "Programme",
    "Target",
]
