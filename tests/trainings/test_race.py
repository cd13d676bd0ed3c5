"""Two people take the last seat at the same moment: one gets it, the other waits.

The registration service locks the training row (``SELECT … FOR UPDATE``) before counting
seats. SQLite has no row locks and serialises writers on its own, so this test runs on
PostgreSQL only (CI's second leg).
"""

import threading

import pytest
from django.db import connection, connections

from trainings import services
from trainings.enums import RegistrationStatus

from .factories import make_training

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Row locks (select_for_update) need PostgreSQL: this race runs in CI's "
        "PostgreSQL leg.",
    ),
]


def test_two_concurrent_registrations_for_the_last_seat(world):
    training = make_training(world, capacity=2, day_offset=10)
    services.registration_create(
        by=world.admin,
        training=training,
        full_name="Déjà inscrite",
        email="deja@example.org",
        consent=True,
    )
    barrier = threading.Barrier(2)
    results, errors = [], []

    def register(n):
        try:
            barrier.wait(timeout=10)
            registration = services.registration_create(
                by=world.admin,
                training=training,
                full_name="Concurrent %d" % n,
                email="concurrent%d@example.org" % n,
                consent=True,
            )
            results.append(registration.status)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(results) == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    assert training.registrations.confirmed().count() == 2
    assert training.registrations.waiting().count() == 1


def test_the_same_email_twice_at_the_same_moment_registers_once(world):
    training = make_training(world, capacity=5, day_offset=10)
    barrier = threading.Barrier(2)
    outcomes = []

    def register():
        try:
            barrier.wait(timeout=10)
            services.registration_create(
                by=world.admin,
                training=training,
                full_name="Léa",
                email="lea@example.org",
                consent=True,
            )
            outcomes.append("ok")
        except Exception as error:
            outcomes.append(" ".join(getattr(error, "messages", [repr(error)])))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == [
        "L'adresse lea@example.org est déjà inscrite à cette formation.",
        "ok",
    ]
    assert training.registrations.count() == 1
