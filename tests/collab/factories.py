"""Builders for the collaborative platform's tests."""

from collab.enums import SpaceKind
from collab.models import Space
from collab.services import sync_spaces, wiki_page_create, wiki_page_save
from organisations.enums import Role
from tests.factories import make_user
from tests.trainings.factories import make_trainer, make_training
from trainings.enums import ParticipantRole, RegistrationStatus
from trainings.models import Registration


def register(training, user, *, status=RegistrationStatus.CONFIRMED):
    return Registration.objects.create(
        training=training,
        user=user,
        full_name=user.get_full_name() or user.username,
        email="%s@example.org" % user.username,
        role=ParticipantRole.ERIC_TEAM,
        status=status,
    )


class CollabWorld:
    """The ``world`` (two ERIC, their coaches and teams, the Region, a partner, an
    outsider, an administrator) with a training given by a trainer, where ``team_a`` is
    registered and ``team_b`` cancelled, an editor, and every space opened."""

    def __init__(self, world):
        self.world = world
        _trainer_org, self.trainer = make_trainer(world)
        self.training = make_training(world)
        self.training.trainers.add(self.trainer)
        register(self.training, world.team_a)
        register(self.training, world.team_b, status=RegistrationStatus.CANCELLED)
        self.editor = make_user(
            username="site_editor", organisation=world.region_org, role=Role.EDITOR
        )
        sync_spaces()
        self.programme_space = Space.objects.get(kind=SpaceKind.PROGRAMME)
        self.space_a = Space.objects.get(accompaniment=world.accompaniment_a)
        self.space_b = Space.objects.get(accompaniment=world.accompaniment_b)
        self.training_space = Space.objects.get(training=self.training)


def make_page(space, by, *, title="Page de test", body="Du texte.", revisions=1):
    page = wiki_page_create(by=by, space=space, title=title, body=body)
    for n in range(2, revisions + 1):
        wiki_page_save(by=by, page=page, body="%s\n\nRévision %d." % (body, n), base_number=n - 1)
    page.refresh_from_db()
    return page
