"""wenming: look up 《永州市文明行为促进条例》 — its text, its penalties, its agencies.

The library needs neither typer nor rich:

    >>> import wenming
    >>> wenming.load_regulation().article(22).paragraphs[0].items[8].text
    '在禁止吸烟场所（区域）吸烟（含电子烟）；'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["DataError", "__version__", "load_regulation"]

if TYPE_CHECKING:
    from wenming.loader import DataError, load_regulation


def __getattr__(name: str) -> Any:
    # The loader imports PyYAML, which a command answered from the cache never needs (wenming.cache),
    # so it is imported on first use rather than with the package.
    if name in ("DataError", "load_regulation"):
        from wenming import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'wenming' has no attribute {name!r}")
