"""The view of the contents, or of one chapter (wenming.contents)."""

from __future__ import annotations

from rich.text import Text

from wenming.contents import ContentsView
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case ContentsView():
            contents(console, result)
        case _:
            raise TypeError(f"wenming.render.contents cannot draw {type(result).__qualname__}")


def contents(console: ViewConsole, view: ContentsView) -> None:
    emit(console, Text(view.title, style="bold"))
    for chapter in view.chapters:
        title = f" {chapter.title}" if chapter.title else ""
        emit(console, Text(f"{chapter.citation}{title}（{chapter.articles_text}）", style="bold"))
        for line in chapter.articles:
            emit(console, Text(line.first_line), INDENT, Text(f"{line.citation}  ", style="cyan"))
    for line in view.articles or []:  # a regulation without chapters
        emit(console, Text(line.first_line), INDENT, Text(f"{line.citation}  ", style="cyan"))
