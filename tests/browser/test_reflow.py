"""RGAA 10.7 and 10.11 on a phone (issue #20): what gets the keyboard focus stays above
a sticky « Enregistrer » bar, and at 320 px nothing overlaps, is cut or makes the page
scroll sideways."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
NARROW = {"width": 320, "height": 640}

# The focused element's box, the sticky bar's top, and whether the bar is stuck (a bar
# at its place in the flow, below the form's end, covers nothing).
FOCUS_AND_BAR = """bar => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    const barBox = document.querySelector(bar).getBoundingClientRect();
    return {tag: el.tagName, id: el.id, top: box.top, bottom: box.bottom, barTop: barBox.top};
}"""

# Every visible caption: whole inside its box, and its box inside what its scroll
# container shows.
CAPTIONS = """() => [...document.querySelectorAll('main caption')]
    .filter(c => !c.classList.contains('visually-hidden'))
    .map(c => {
        const box = c.getBoundingClientRect();
        const wrap = c.closest('.table-wrap');
        const shown = wrap ? wrap.getBoundingClientRect() : {left: 0, right: innerWidth};
        return {
            text: c.textContent.trim(),
            fits: c.scrollWidth <= c.clientWidth,
            left: box.left, right: box.right, shownLeft: shown.left, shownRight: shown.right,
        };
    })"""

NATURAL_WIDTH = """el => {
    const copy = el.cloneNode();
    copy.style.cssText = 'width: auto; min-width: 0; max-width: none; position: absolute';
    el.parentNode.appendChild(copy);
    const natural = copy.offsetWidth;
    copy.remove();
    return {width: el.offsetWidth, natural, client: el.clientWidth, scroll: el.scrollWidth};
}"""


class ReflowJourneys(BrowserJourneys):
    def sized_page(self, username, size):
        page = self.page_for(username, width=size["width"])
        page.set_viewport_size(size)
        return page

    def tab_until(self, page, bar, last, limit=60):
        """Tab from the top of the content into ``last``; return what each focused form
        control's box and the bar's top were."""
        seen = []
        page.locator("h1").click()  # start from the content, not the header's links
        for _ in range(limit):
            page.keyboard.press("Tab")
            state = page.evaluate(FOCUS_AND_BAR, bar)
            if state["tag"] in ("INPUT", "SELECT", "TEXTAREA", "SUMMARY"):
                seen.append(state)
            if page.evaluate("s => document.activeElement.closest(s) !== null", last):
                return seen
        raise AssertionError("%s never got the focus" % last)

    def assert_above_the_bar(self, seen):
        self.assertTrue(seen)
        for state in seen:
            self.assertLessEqual(state["bottom"], state["barTop"], state)
            self.assertGreaterEqual(state["top"], 0, state)

    def test_the_focused_control_stays_above_the_sticky_save_bar(self):
        from trainings.models import Training

        training = Training.objects.order_by("pk").first()
        session = training.sessions.order_by("starts_at").first()
        page = self.sized_page("openscop", PHONE)
        page.goto(
            self.live_server_url + "/espace/formations/demi-journees/%d/emargement/" % session.pk
        )
        radios = self.tab_until(page, ".attendance__actions", ".attendance__person:last-of-type")
        self.assertGreater(len(radios), 3)  # a form taller than the screen
        self.assert_above_the_bar(radios)

        page = self.sized_page("coach", PHONE)
        page.goto(self.live_server_url + "/espace/journal/appel-rapide/")
        page.locator(".quick-log__more summary").click()  # its fields are tabbed through too
        fields = self.tab_until(page, ".quick-log__save", ".quick-log__more .choice-field")
        self.assertGreater(len(fields), 8)
        self.assert_above_the_bar(fields)

    def test_the_quick_log_date_and_duration_do_not_overlap_at_320_px(self):
        for locale in ("fr-FR", "en-US"):
            context = self.browser.new_context(viewport=NARROW, locale=locale)
            self.addCleanup(context.close)
            page = context.new_page()
            page.goto(self.live_server_url + "/connexion/")
            page.fill("#id_username", "coach")
            page.fill("#id_password", "demo")
            page.click("main button[type=submit]")
            page.wait_for_url(self.live_server_url + "/espace/")
            page.goto(self.live_server_url + "/espace/journal/appel-rapide/")
            self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 320)
            date = page.locator("#id_started_at").bounding_box()
            duration = page.locator("#id_duration_minutes").bounding_box()
            apart = (
                date["x"] + date["width"] <= duration["x"]
                or date["y"] + date["height"] <= duration["y"]
            )
            self.assertTrue(apart, (locale, date, duration))
            # Chromium draws the value inside the input: its own width (width: auto)
            # is what the value and the calendar button need.
            sizes = page.locator("#id_started_at").evaluate(NATURAL_WIDTH)
            self.assertGreaterEqual(sizes["client"], sizes["scroll"], (locale, sizes))
            self.assertGreaterEqual(sizes["width"], sizes["natural"], (locale, sizes))
            for box in (date, duration):
                self.assertLessEqual(box["x"] + box["width"], 320 - 16)
            self.assert_accessible(page)

    def test_charts_and_captions_stay_readable_at_320_px(self):
        from coaching.models import Accompaniment

        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        for username, path in (
            ("region", "/espace/tableau-de-bord/"),
            ("coach", "/espace/accompagnements/%d/" % acc.pk),
        ):
            page = self.sized_page(username, NARROW)
            page.goto(self.live_server_url + path)
            self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 320, path)
            charts = page.eval_on_selector_all(
                "main figure.chart img",
                """imgs => imgs.map(img => {
                    const region = img.closest('[role=region]');
                    return {
                        width: img.getBoundingClientRect().width,
                        region: region && region.getAttribute('aria-label'),
                        focusable: region !== null && region.tabIndex === 0,
                        regionWidth: region && region.clientWidth,
                    };
                })""",
            )
            self.assertTrue(charts, path)
            for chart in charts:
                self.assertGreaterEqual(chart["width"], 300, (path, chart))
                # wider than the screen: it scrolls inside a labelled, focusable region
                self.assertTrue(chart["region"], (path, chart))
                self.assertTrue(chart["focusable"], (path, chart))
                self.assertLessEqual(chart["regionWidth"], 320, (path, chart))
            captions = page.evaluate(CAPTIONS)
            self.assertTrue(captions, path)
            for caption in captions:
                self.assertTrue(caption["fits"], (path, caption))
                self.assertGreaterEqual(caption["left"], caption["shownLeft"] - 0.5, caption)
                self.assertLessEqual(caption["right"], caption["shownRight"] + 0.5, caption)
            self.assert_accessible(page)
