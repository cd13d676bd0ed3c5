"""The accompaniment's forms, one module per area, re-exported here."""

from .events import FederatingEventForm
from .filters import JournalFilterForm
from .journal import (
    AnimationDocumentForm,
    AnimationForm,
    CoachingSessionForm,
    FollowUpForm,
    HotlineCallForm,
    MediaForm,
    managed_accompaniments,
)
from .maturity import MaturityAssessmentForm, MaturityOpeningForm, MaturityReviewForm
from .milestones import MilestoneForm
from .partners import NewPartnerForm

__all__ = [
    "AnimationDocumentForm",
    "AnimationForm",
    "CoachingSessionForm",
    "FederatingEventForm",
    "FollowUpForm",
    "HotlineCallForm",
    "JournalFilterForm",
    "MaturityAssessmentForm",
    "MaturityOpeningForm",
    "MaturityReviewForm",
    "MediaForm",
    "MilestoneForm",
    "NewPartnerForm",
    "managed_accompaniments",
]
