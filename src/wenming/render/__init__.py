"""Human views of result models. The only package that imports rich, and only when a view is drawn."""

from __future__ import annotations

from typing import IO, Any

from rich.console import Console


def make_console(file: IO[str] | None = None, width: int | None = None) -> Console:
    """A console that honours NO_COLOR, TERM=dumb and pipes (plain text), as rich does."""
    console = Console(file=file, width=width, highlight=False, emoji=False, markup=False)
    # Start-up (benchmarks/startup.py): rich asks the terminal and the environment for the size at every
    # read of console.width, a hundred times in a view; a one-shot view takes it once. (rich takes one
    # column off on legacy Windows consoles when it reports a width it was given, so it is given one more.)
    width, height = console.size
    console.size = (width + console.legacy_windows, height)
    return console


def draw(renderer: Any, result: Any, console: Console | None = None) -> None:
    console = console or make_console()
    with console:  # the view is written once, when drawn, rather than a write for every line
        renderer(console, result)
