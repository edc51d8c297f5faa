"""The view of `wenming --city all search` (wenming.corpus_search): the hits grouped by city.

Forty regulations give a hundred hits and more: each is one line, its citation and the words around
the first match (highlighted), cut to the terminal's width; the whole text of each is in `--json`, or
in `wenming --city CITY search …` for one city. One line a hit also keeps the view's drawing cheap
(wrapping a hundred paragraphs would cost more than the search).
"""

from __future__ import annotations

from itertools import groupby

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text

from wenming.corpus_search import AllCitiesSearchResult, CityHit
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit

HIGHLIGHT = "bold reverse"
LEAD_CHARACTERS = 8  # shown before the first match, where the line is too short for the whole text


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case AllCitiesSearchResult():
            search_all(console, result)
        case _:
            raise TypeError(f"wenming.render.corpus_search cannot draw {type(result).__qualname__}")


def search_all(console: ViewConsole, view: AllCitiesSearchResult) -> None:
    if view.searched_as:
        emit(console, Text(view.searched_as, style="dim"))
    cities = {city.city: city for city in view.cities}
    width = console.width
    # One Text for every line, each already cut to fit (or a notice, wrapped by the terminal), printed
    # once without wrapping by rich: rich's cost is per Text and per call more than per character.
    out = Text()
    for city, hits in groupby(view.hits, key=lambda hit: hit.city):
        shown = cities[city]
        if len(out):
            out.append("\n")
        heading = f"■ {city}"
        line = heading + f"  《{shown.title}》  {shown.hits} 处"
        _append_cut(out, line, width, [("dim", len(heading), len(line))], style="bold")
        if shown.notice:
            out.append(f"\n注意：{shown.notice}", style="yellow")
        for hit in hits:
            out.append("\n")
            _append_hit(out, hit, width)
    console.put(out)
    summary = f"共 {len(view.hits)} 处，见于 {len(view.cities)} 个城市的条例（共查 {view.searched} 部）"
    emit(console, Text(summary, style="dim"))
    emit(console, Text("每处一行；全文见 --json，或 wenming --city 城市 search …", style="dim"))


def _append_hit(out: Text, hit: CityHit, width: int) -> None:
    """One hit on one line: where, then its words from a little before the first match, cut to fit."""
    where = hit.citation if not hit.note else f"立法说明《{hit.note}》"
    lead = " " * INDENT + where + "  "
    room = width - cell_len(lead)
    flat = hit.text.replace("\n", " ")
    start = 0
    if hit.spans and cell_len(flat[: hit.spans[0].end]) > room - 2:
        start = max(hit.spans[0].start - LEAD_CHARACTERS, 0)
    shift = len(lead) + (1 if start else 0) - start  # from a place in hit.text to one in the line
    styles = [("cyan", 0, len(lead))]
    styles += [(HIGHLIGHT, max(span.start + shift, len(lead)), span.end + shift) for span in hit.spans]
    _append_cut(out, lead + ("…" if start else "") + flat[start:], width, styles)


def _append_cut(out: Text, line: str, width: int, styles: list[tuple[str, int, int]], style: str = "") -> None:
    """Append `line` cut to `width` cells, with … where it was cut, and `styles` (style, start, end in
    `line`) over what is shown of them. The line is measured only as far as it is shown."""
    kept, cells = 0, 0
    for index, character in enumerate(line):
        cells += get_character_cell_size(character)  # a character's cells, as cell_len counts them
        if cells <= width - 1:  # room for the … that a cut takes
            kept = index + 1
        elif cells > width:
            line = line[:kept] + "…"
            break
    else:
        kept = len(line)
    base = len(out)
    out.append(line, style=style)
    for name, begin, end in styles:
        if min(end, kept) > begin:
            out.stylize(name, base + begin, base + min(end, kept))
