"""The view of a search's hits (wenming.search)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from wenming.numerals import to_chinese
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit
from wenming.search import SearchHit, SearchResult

HIGHLIGHT = "bold reverse"


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case SearchResult():
            search(console, result)
        case _:
            raise TypeError(f"wenming.render.search cannot draw {type(result).__qualname__}")


def search(console: ViewConsole, view: SearchResult) -> None:
    if view.searched_as:
        emit(console, Text(view.searched_as, style="dim"))
    draw_hits(console, view.hits)
    emit(console, Text(f"共 {len(view.hits)} 处", style="dim"))


def draw_hits(console: ViewConsole, hits: Sequence[SearchHit]) -> None:
    """Each hit: where it is, the words found, and its text with them highlighted."""
    for hit in hits:
        if hit.note:
            where = f"立法说明《{hit.note}》（{'、'.join([hit.citation, *hit.also_concerns])}）"
        else:
            where = hit.citation
        line = Text(where, style="bold cyan")
        if hit.note_part:
            line.append(f"  {hit.note_part}", style="dim")
        line.append(f"  〔{'、'.join(hit.matched)}〕", style="dim")
        emit(console, line)
        body = Text(hit.text)
        for span in hit.spans:
            body.stylize(HIGHLIGHT, span.start, span.end)
        if not hit.items:
            emit(console, body, INDENT)
            continue
        # A paragraph whose terms are spread over its items: its lead-in, then each item numbered
        # as printed, so that the reader can cite the item.
        lead_in = body[: hit.items[0].start]
        lead_in.rstrip()  # the line break before the first item
        emit(console, lead_in, INDENT)
        for item in hit.items:
            marker = Text(f"（{to_chinese(item.number)}）", style="cyan")
            emit(console, body[item.start : item.end], INDENT, marker)
