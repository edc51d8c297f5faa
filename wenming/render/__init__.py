"""Human views of result models, drawn by rich: the only package that imports rich.

The CLI imports it only when a person will read the output (not for --json, not for errors).
`draw(result)` picks the view by the result's type: the render module named as the result's
domain module (a `wenming.penalty.Schedule` is drawn by `wenming.render.penalty`), whose own
`draw(console, result)` matches on its result types, so that mypy checks every view's argument.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:
    from wenming.answer import Answer

MIN_WIDTH = 12  # narrower terminals (COLUMNS=0 or 1) get 12-cell lines, which they wrap themselves


class ViewConsole(Console):
    """The console a view draws on: rich's, with a view's finished lines kept (`put`) and printed in one
    go when the view is done (`flush`). A print costs rich a few dozen microseconds whatever its length;
    a view of 190 lines printed one by one took 6 ms, at once 2.5."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.page: list[Text] = []

    def put(self, line: Text) -> None:
        """Keep a finished line (fitted or wrapped already; a longer one is wrapped by the terminal)."""
        self.page.append(line)

    def flush(self) -> None:
        """Print the lines kept, as they are: rich neither wraps nor crops them."""
        if self.page:
            page, self.page = Text("\n").join(self.page), []
            self.print(page, soft_wrap=True)

    def on_broken_pipe(self) -> None:
        """The reader has gone (`wenming article 22 | head -1`): rich would exit 1; the CLI ends quietly."""
        self.quiet = True
        raise BrokenPipeError


def make_console(file: IO[str] | None = None, width: int | None = None) -> ViewConsole:
    """The console a view is drawn on: stdout (or `file`), colour and width as rich decides them.

    rich honours NO_COLOR (colours off, bold and reverse kept), TERM=dumb (no escapes), FORCE_COLOR,
    TTY_COMPATIBLE and COLUMNS. The width is at least MIN_WIDTH cells.
    """
    # A height, which no view uses, because rich takes COLUMNS on a dumb terminal (Emacs's shell sets
    # both) only when it knows the height too; else it says 80.
    console = ViewConsole(file=file, width=width, height=25, highlight=False, emoji=False, markup=False)
    # rich asks the terminal and the environment for the size at every read of console.width, a hundred
    # times in a view; a one-shot view takes it once. (rich takes one column off on legacy Windows
    # consoles when it reports a width it was given, so it is given one more.)
    columns, rows = console.size
    console.size = (max(columns, MIN_WIDTH) + console.legacy_windows, rows)
    return console


def _view_module(kind: type) -> ModuleType:
    """The render module for results of `kind`: named as its domain module, or as a package above it
    (a result of wenming.search.results would be drawn by wenming.render.search)."""
    names = kind.__module__.split(".")[1:]  # below wenming
    for name in reversed(names):
        try:
            return import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as error:
            if error.name != f"{__name__}.{name}":  # the view exists but an import inside it failed
                raise
    raise TypeError(f"no view draws {kind.__qualname__} (from {kind.__module__})")


def draw(result: Answer, console: ViewConsole | None = None) -> None:
    """Draw `result` with the view for its type, written once when done (not a write for every line)."""
    view = _view_module(type(result))
    console = console or make_console()
    with console:
        view.draw(console, result)
        console.flush()


__all__ = ["MIN_WIDTH", "draw", "make_console"]
