"""Data versions (core/versions.py): the agenda's, read for several programmes at once."""

from unittest import mock

from django.core.cache import cache

from core.versions import agenda_versions, bump_agenda_version


def test_agenda_versions_are_read_together_and_bumped_one_by_one():
    cache.clear()
    first = agenda_versions([1, 2, 3])
    assert set(first) == {1, 2, 3} and all(isinstance(v, int) for v in first.values())
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as get_many:
        assert agenda_versions([1, 2, 3]) == first
    assert get_many.call_count == 1
    bump_agenda_version(2)
    again = agenda_versions([1, 2, 3])
    assert again[1] == first[1] and again[3] == first[3] and again[2] == first[2] + 1


def test_agenda_versions_answer_none_when_the_cache_fails():
    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("down")):
        assert agenda_versions([4, 5]) == {4: None, 5: None}
