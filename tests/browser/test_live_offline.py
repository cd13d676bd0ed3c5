"""Redis down (#18.10): the live connection cannot open, and the page says so in French —
figures pages refresh their figures every minute (live-figures.js), other pages ask to
be reloaded. The server is a production-settings process whose REDIS_URL points at a
closed port."""

import pytest
from django.urls import reverse

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.production.conftest import make_live_world
from tests.production.servers import (
    closed_port,
    database_url,
    production_env,
    running_servers,
    session_cookie,
)

pytestmark = pytest.mark.browser

FIGURES = "Mises à jour en direct interrompues : les chiffres sont actualisés automatiquement chaque minute."
PAGE = "Mises à jour en direct interrompues : rechargez la page pour voir les derniers changements."


@pytest.mark.django_db(transaction=True)
def test_without_redis_the_page_says_live_updates_stopped(tmp_path):
    from django.db import connection
    from playwright.sync_api import expect, sync_playwright

    world = make_live_world()
    cookie = session_cookie(world.region).partition("=")[2]
    dashboard = reverse("progress:programme_dashboard", args=[world.programme.slug])
    env = production_env(
        tmp_path,
        DATABASE_URL=database_url(connection.settings_dict),
        REDIS_URL="redis://127.0.0.1:%d/11" % closed_port(),
        DATABASE_POOL_MAX_SIZE=0,
    )
    with running_servers(1, env, tmp_path) as (server,), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 390, "height": 800})
            context.add_cookies([{"name": "sessionid", "value": cookie, "url": server.url}])
            page = context.new_page()

            page.goto(server.url + dashboard)
            notice = page.locator("#live-offline")
            expect(notice).to_be_visible(timeout=15000)
            expect(notice).to_have_text(FIGURES)
            assert notice.get_attribute("role") == "status"
            # the figures stay on screen, as of the page's loading
            expect(page.locator('[data-indicator="hotline_half_days"]').first).to_be_visible()

            page.goto(server.url + reverse("coaching:home"))
            expect(page.locator("#live-offline")).to_have_text(PAGE, timeout=15000)
        finally:
            browser.close()
