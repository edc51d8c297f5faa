"""The view of `wenming --city all search` (wenming.corpus_search): the hits grouped by city."""

from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.text import Text

from wenming.corpus_search import AllCitiesSearchResult
from wenming.render.lines import emit
from wenming.render.search import draw_hits


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
    for city, hits in groupby(view.hits, key=lambda hit: hit.city):
        shown = cities[city]
        heading = Text(f"■ {city}", style="bold")
        heading.append(f"  《{shown.title}》  {shown.hits} 处", style="dim")
        emit(console, heading)
        if shown.notice:
            emit(console, Text(f"注意：{shown.notice}", style="yellow"))
        draw_hits(console, list(hits))
    emit(
        console,
        Text(f"共 {len(view.hits)} 处，见于 {len(view.cities)} 个城市的条例（共查 {view.searched} 部）", style="dim"),
    )
