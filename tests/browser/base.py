"""What every browser journey stands on: a spawned Daphne serving the platform with the
demo data, Playwright driving Debian's Chromium, a log-in helper and the axe-core check.

A journey class subclasses :class:`BrowserJourneys`; it may override
:meth:`BrowserJourneys.set_up_data` (records made before the server starts) and
:attr:`BrowserJourneys.server_setup` (what the spawned server process runs before it
serves: a module-level function, since it is pickled for the spawned process)."""

import multiprocessing
import os
from functools import partial

from channels.testing.live import make_application, set_database_connection
from daphne.testing import DaphneProcess
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
from django.test import TransactionTestCase
from django.test.utils import modify_settings

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls made by the
# test itself happen before pages are driven, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


class SpawnedDaphne(DaphneProcess):
    """Daphne in a *spawned* process. A forked one inherits the test process's state:
    asgiref's thread-sensitive executor (whose thread died at the fork, so every
    ``database_sync_to_async`` hangs), channel layers bound to old event loops,
    cached content types."""

    _start_method = "spawn"
    _Popen = staticmethod(multiprocessing.get_context("spawn").Process._Popen)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        context = multiprocessing.get_context("spawn")
        self.port = context.Value("i", 0)
        self.ready = context.Event()
        self.errors = context.Queue()


def setup_server():
    import django

    django.setup()
    set_database_connection()


class BrowserJourneys(TransactionTestCase):
    """Like channels' ChannelsLiveServerTestCase, but a spawned Daphne process starts for
    each test, once its data exist. It holds no test of its own."""

    host = "localhost"
    #: run by the spawned server process before it serves
    server_setup = staticmethod(setup_server)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self):
        from demo.loader import load_demo_data
        from tests.factories import ensure_wagtail_root

        ensure_wagtail_root()
        self.users = load_demo_data()
        self.set_up_data()
        settings_change = modify_settings(ALLOWED_HOSTS={"append": self.host})
        settings_change.enable()
        self.addCleanup(settings_change.disable)
        server = SpawnedDaphne(
            self.host,
            partial(make_application, static_wrapper=ASGIStaticFilesHandler),
            setup=self.server_setup,
        )
        server.start()
        self.addCleanup(server.join)
        self.addCleanup(server.terminate)
        if not server.ready.wait(timeout=30):
            raise RuntimeError("Daphne did not start")
        self.live_server_url = "http://%s:%s" % (self.host, server.port.value)

    def set_up_data(self):
        """Records a journey needs beyond the demo data, made before the server starts."""

    def page_for(self, username=None, *, width=1280):
        context = self.browser.new_context(viewport={"width": width, "height": 800}, locale="en-US")
        self.addCleanup(context.close)
        page = context.new_page()
        if username:
            page.goto(self.live_server_url + "/connexion/")
            page.fill("#id_username", username)
            page.fill("#id_password", "demo")
            page.click("main button[type=submit]")
            page.wait_for_url(self.live_server_url + "/espace/")
        return page

    def assert_accessible(self, page):
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page)
        serious = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in ("serious", "critical")
        ]
        self.assertEqual(serious, [], results.generate_report())
