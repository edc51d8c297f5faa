"""Human views of result models. The only package that imports rich, and only when a view is drawn."""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console


def make_console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that honours NO_COLOR, TERM=dumb and pipes (plain text), as rich does."""
    return Console(file=file, width=width, highlight=False, emoji=False, markup=False)


def draw(renderer: Any, result: Any, console: Console | None = None) -> None:
    renderer(console or make_console(), result)
