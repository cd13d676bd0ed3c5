"""Charts as server-rendered SVG (pygal), for the page and the PDF alike.

The SVG carries no script (pygal's config script is removed, no external JavaScript;
its own CSS is inlined) and is embedded as a ``data:`` image: the page's
Content-Security-Policy forbids inline styles, which an image document keeps to itself.
Every chart goes with a data table beside it.
"""

import base64
import hashlib
import logging
import re

from django.core.cache import cache
from pygal.style import Style

logger = logging.getLogger(__name__)

SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.DOTALL | re.IGNORECASE)

STYLE_OPTIONS = dict(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1b1b",
    foreground_strong="#1b1b1b",
    foreground_subtle="#5f5f5f",
    colors=("#1f5f8b", "#b34700"),
    font_family="Marianne, Arial, sans-serif",
    title_font_size=16,
    label_font_size=12,
    major_label_font_size=12,
    legend_font_size=13,
)

#: Rendered charts are kept this long; their key is their data, so a change shows at once.
CHART_CACHE_SECONDS = 24 * 3600


def style(**overrides) -> Style:
    """The platform's chart style (contrasts checked against WCAG AA), with changes."""
    return Style(**{**STYLE_OPTIONS, **overrides})


def render_svg(chart) -> str:
    """The chart's SVG text, without pygal's script."""
    return SCRIPT.sub("", chart.render(is_unicode=True))


def cached_svg(name: str, data, draw) -> str:
    """``draw()``, kept in the cache under a digest of ``data`` (everything the drawing
    depends on, language included): pygal takes tens of milliseconds a chart, and the
    same data give the same SVG. A cache that is down only costs the drawing."""
    key = "chart:%s:%s" % (name, hashlib.sha256(repr(data).encode()).hexdigest())
    try:
        svg = cache.get(key)
    except Exception:  # Redis down: draw it, the page must not fail for a cache
        logger.warning("Chart cache unreachable", exc_info=True)
        return draw()
    if svg is None:
        svg = draw()
        try:
            cache.set(key, svg, CHART_CACHE_SECONDS)
        except Exception:
            logger.warning("Chart cache unreachable", exc_info=True)
    return svg


def as_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
