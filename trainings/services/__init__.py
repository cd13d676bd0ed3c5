"""Every write of the trainings, each in a transaction, announced after commit.

One module per flow (trainings and their half-days, invitations, registrations and the
waiting list, attendance, evaluations, mails, personal data), re-exported here.
"""

from .attendance import attendance_record, not_started_message
from .evaluations import evaluation_requests_due, evaluation_requests_send, evaluation_submit
from .invitations import invitations_send, invitees
from .personal_data import ANONYMISED_NAME, anonymise_expired_registrations
from .registrations import (
    duplicate_message,
    registration_cancel,
    registration_create,
    registration_self,
)
from .trainings import (
    TRAINING_EDITABLE_FIELDS,
    material_create,
    session_create,
    sync_training_agenda,
    training_create,
    training_update,
)

__all__ = [
    "ANONYMISED_NAME",
    "TRAINING_EDITABLE_FIELDS",
    "anonymise_expired_registrations",
    "attendance_record",
    "duplicate_message",
    "evaluation_requests_due",
    "evaluation_requests_send",
    "evaluation_submit",
    "invitations_send",
    "invitees",
    "material_create",
    "not_started_message",
    "registration_cancel",
    "registration_create",
    "registration_self",
    "session_create",
    "sync_training_agenda",
    "training_create",
    "training_update",
]
