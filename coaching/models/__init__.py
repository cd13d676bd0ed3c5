"""The accompaniment's models: the programme and its trajectories (``programme``), the
coaching journal (``journal``: hotline, coaching sessions, animations) and the federating
events (``events``)."""

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
    "Milestone",
    "Programme",
    "Target",
]
