"""RGAA 12.1–12.5, 6.1, 10.4, 10.11 and 12.8 in a real browser: the site map and the
search reached from every page, licence links named by their visible text with the new
window said in the text, no sideways scroll at 1280 px nor at 200 % text, and a table
box that takes the keyboard focus only when it scrolls."""

import pytest

from tests.browser.base import BrowserJourneys

pytestmark = pytest.mark.browser

WIDE = {"width": 1280, "height": 800}

SCROLL_BOXES = """() => [...document.querySelectorAll('main .table-wrap, main .chart__scroll')]
    .map(box => ({
        overflows: box.scrollWidth > box.clientWidth + 1,
        tabindex: box.getAttribute('tabindex'),
        role: box.getAttribute('role'),
        name: box.getAttribute('aria-label'),
    }))"""

DOUBLE_TEXT = "document.documentElement.style.fontSize = '200%'"
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


class SiteNavigationJourneys(BrowserJourneys):
    def test_search_and_site_map_are_reached_from_the_header_and_the_footer(self):
        page = self.page_for(width=360)
        page.goto(self.live_server_url + "/eric/")
        page.get_by_text("Menu", exact=True).click()
        page.locator("header").get_by_role("link", name="Rechercher").click()
        page.wait_for_url("**/recherche/")
        self.assertTrue(page.title().startswith("Rechercher sur le site"))
        page.get_by_label("Mots recherchés").fill("réemploi")
        page.keyboard.press("Enter")
        page.wait_for_url("**/recherche/?q=*")
        self.assertTrue(page.title().startswith("Recherche « réemploi » – 1 résultat"))
        page.get_by_role("link", name="Organiser un repair café multi-partenaires").click()
        self.assertIn("repair café", page.inner_text("h1"))
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)

        page.locator("footer").get_by_role("link", name="Plan du site").click()
        page.wait_for_url("**/plan-du-site/")
        self.assertEqual(page.inner_text("h1"), "Plan du site")
        self.assertGreater(page.locator("main .site-map__tree a").count(), 10)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 360)
        self.assert_accessible(page)
        page.goto(self.live_server_url + "/recherche/?q=repair")
        self.assert_accessible(page)

    def test_a_licence_link_is_named_by_its_visible_text_and_says_it_opens_a_window(self):
        page = self.page_for()
        page.goto(self.live_server_url + "/code-source/organiser-un-repair-cafe-multi-partenaires/")
        badges = page.locator("main a[rel=license]")
        self.assertGreaterEqual(badges.count(), 1)
        for index in range(badges.count()):
            badge = badges.nth(index)
            self.assertEqual(badge.get_attribute("target"), "_blank")
            self.assertIsNone(badge.get_attribute("title"))  # said in the text, not only there
            visible = badge.evaluate(
                """a => [...a.childNodes].filter(n => !(n.classList && (
                    n.classList.contains('visually-hidden') || n.getAttribute('aria-hidden'))))
                    .map(n => n.textContent).join('').trim()"""
            )
            self.assertTrue(visible)
            # the accessible name holds the visible text and says a window opens
            name = "Licence %s (nouvelle fenêtre)" % visible
            self.assertEqual(
                page.locator("main").get_by_role("link", name=name, exact=True).count(),
                page.locator("main a[rel=license]", has_text=visible).count(),
                name,
            )
        self.assert_accessible(page)

    def test_no_page_scrolls_sideways_at_1280_px_nor_at_200_percent_text(self):
        from coaching.models import Accompaniment
        from trainings.models import Training

        training = Training.objects.order_by("pk").first()
        acc = Accompaniment.objects.get(eric__slug="made-in-la-boate")
        for username, paths in (
            (None, ["/", "/eric/made-in-la-boate/", "/evenements/", "/plan-du-site/"]),
            ("openscop", ["/espace/formations/%d/" % training.pk]),
            ("region", ["/espace/tableau-de-bord/", "/agenda/", "/espace/journal/animations/"]),
            ("coach", ["/espace/accompagnements/%d/" % acc.pk]),
        ):
            page = self.page_for(username)
            page.set_viewport_size(WIDE)
            for path in paths:
                page.goto(self.live_server_url + path)
                self.assertLessEqual(page.evaluate(SIDEWAYS), 0, (path, "1280 px"))
                page.evaluate(DOUBLE_TEXT)
                self.assertLessEqual(page.evaluate(SIDEWAYS), 0, (path, "200 %"))

    def test_a_table_box_is_a_tab_stop_only_when_it_scrolls_and_each_has_its_own_name(self):
        region = self.page_for("region")
        region.set_viewport_size(WIDE)
        region.goto(self.live_server_url + "/espace/tableau-de-bord/")
        region.wait_for_timeout(100)
        boxes = region.evaluate(SCROLL_BOXES)
        self.assertTrue(boxes)
        for box in boxes:
            if box["overflows"]:
                self.assertEqual((box["tabindex"], box["role"]), ("0", "region"), box)
            else:
                self.assertEqual((box["tabindex"], box["role"], box["name"]), (None, None, None))
        self.assertTrue(any(not box["overflows"] for box in boxes))

        region.set_viewport_size({"width": 360, "height": 740})
        region.wait_for_timeout(200)
        boxes = region.evaluate(SCROLL_BOXES)
        scrolling = [box for box in boxes if box["overflows"]]
        self.assertTrue(scrolling)
        for box in scrolling:
            self.assertEqual((box["tabindex"], box["role"]), ("0", "region"), box)
            self.assertIn("défilable horizontalement", box["name"])
        names = [box["name"] for box in scrolling]
        self.assertEqual(len(names), len(set(names)), names)
        self.assert_accessible(region)
