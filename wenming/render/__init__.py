"""Human views of result models: the only package that draws, with its own styled text (render.console)."""

from __future__ import annotations

from typing import Any

from wenming.render.console import Console, make_console


def draw(renderer: Any, result: Any, console: Console | None = None) -> None:
    console = console or make_console()
    try:
        renderer(console, result)
    finally:  # the view is written once, when drawn, rather than a write for every line
        console.flush()


__all__ = ["Console", "draw", "make_console"]
