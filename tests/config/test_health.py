import pytest
from django.db import connection

from config import health


def test_healthz_is_up_when_database_and_channel_layer_answer(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "channel_layer": "ok"},
        "down": [],
    }


def test_healthz_names_the_channel_layer_when_it_is_down(client, db, settings):
    # A Redis channel layer on a port where nothing listens.
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    try:
        response = client.get("/healthz")
    finally:
        channel_layers.backends.clear()
    assert response.status_code == 503
    assert response.json()["down"] == ["channel_layer"]
    assert response.json()["checks"]["database"] == "ok"


def test_healthz_names_the_database_when_it_is_down(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise connection.Database.OperationalError("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", broken_cursor)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["database"]


def test_healthz_is_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_is_read_only(client, db, method):
    assert getattr(client, method)("/healthz").status_code == 405


def test_checks_are_the_three_the_issues_name():
    assert set(health.CHECKS) == {"database", "cache", "channel_layer"}


def test_healthz_names_the_cache_when_redis_is_down(client, db, settings):
    from tests.production.servers import closed_port

    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:%d/11" % closed_port(),
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "cache" in response.json()["down"]
    assert response.json()["checks"]["database"] == "ok"


def test_the_proxy_s_check_answers_while_the_process_serves(client, db, monkeypatch):
    # a fault every worker shares (here the database) takes none out of the pool
    with monkeypatch.context() as patch:
        patch.setattr(connection, "cursor", None)
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
