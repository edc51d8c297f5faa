"""The view of `wenming --city all search` (wenming.corpus_search): the hits grouped by city.

Forty regulations give a hundred hits and more: each is one line, its citation and the words around
the first match (highlighted), cut to the terminal's width; the whole text of each is in `--json`, or
in `wenming --city CITY search …` for one city. One line a hit also keeps the view's drawing cheap
(wrapping a hundred paragraphs would cost more than the search).
"""

from __future__ import annotations

from itertools import groupby

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from wenming.corpus_search import AllCitiesSearchResult, CityHit
from wenming.render.lines import INDENT, emit

HIGHLIGHT = "bold reverse"
LEAD_CHARACTERS = 8  # shown before the first match, where the line is too short for the whole text


def draw(console: Console, result: object) -> None:
    match result:
        case AllCitiesSearchResult():
            search_all(console, result)
        case _:
            raise TypeError(f"wenming.render.corpus_search cannot draw {type(result).__qualname__}")


def search_all(console: Console, view: AllCitiesSearchResult) -> None:
    if view.searched_as:
        emit(console, Text(view.searched_as, style="dim"))
    cities = {city.city: city for city in view.cities}
    lines: list[Text] = []
    for city, hits in groupby(view.hits, key=lambda hit: hit.city):
        shown = cities[city]
        heading = Text(f"■ {city}", style="bold")
        heading.append(f"  《{shown.title}》  {shown.hits} 处", style="dim")
        lines.append(_fitted(heading, console.width))
        if shown.notice:
            lines.append(Text(f"注意：{shown.notice}", style="yellow"))
        lines += [_line(console, hit) for hit in hits]
    # Each line already fits (or is a notice, wrapped by the terminal): one print, no wrapping by rich,
    # whose cost is per line and per call more than per character.
    console.print(Text("\n").join(lines), soft_wrap=True)
    summary = f"共 {len(view.hits)} 处，见于 {len(view.cities)} 个城市的条例（共查 {view.searched} 部）"
    emit(console, Text(summary, style="dim"))
    emit(console, Text("每处一行；全文见 --json，或 wenming --city 城市 search …", style="dim"))


def _line(console: Console, hit: CityHit) -> Text:
    """One hit on one line: where, then its words from a little before the first match, cut to fit."""
    where = hit.citation if not hit.note else f"立法说明《{hit.note}》"
    lead = Text(" " * INDENT + where + "  ", style="cyan")
    room = console.width - lead.cell_len
    flat = hit.text.replace("\n", " ")
    start = 0
    if hit.spans and cell_len(flat[: hit.spans[0].end]) > room - 2:
        start = max(hit.spans[0].start - LEAD_CHARACTERS, 0)
    body = Text(("…" if start else "") + flat[start:])
    shift = (1 if start else 0) - start
    for span in hit.spans:
        if span.end + shift > 0:
            body.stylize(HIGHLIGHT, max(span.start + shift, 0), span.end + shift)
    return _fitted(lead + body, console.width)


def _fitted(line: Text, width: int) -> Text:
    """`line` cut to `width` cells, with … where it was cut."""
    if line.cell_len <= width:
        return line
    cells, end = 0, 0
    for character in line.plain:
        cells += cell_len(character)
        if cells > width - 1:  # the … takes a cell
            break
        end += 1
    cut = line[:end]
    cut.append("…")
    return cut
