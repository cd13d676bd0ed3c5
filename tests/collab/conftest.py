import pytest

from .factories import CollabWorld


@pytest.fixture
def collab(world):
    return CollabWorld(world)
