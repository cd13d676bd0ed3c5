"""Sections that apps above ``coaching`` add to a user's home (« Mon espace »).

The home page belongs to ``coaching``, which may not import the apps above it; an app
there (``cms``: the sheets awaiting review) registers a function from its
``AppConfig.ready``, and the home renders whatever the functions return, in order.
This is the one registry of the project: dependency inversion between two layers, not a
plugin system.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class HomeSection:
    """A template to include on the home page and what it shows."""

    template: str
    context: dict = field(default_factory=dict)


_providers: list[Callable] = []


def register_home_section(provider: Callable) -> Callable:
    """``provider(request)`` returns a :class:`HomeSection`, or ``None`` for nothing."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def home_sections(request) -> list[HomeSection]:
    return [section for provider in _providers if (section := provider(request)) is not None]
