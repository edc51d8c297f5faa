"""The view of the governed (or encouraged) behaviours and their penalties (wenming.behaviours)."""

from __future__ import annotations

from rich.text import Text

from wenming.behaviours import AllCitiesBehaviours, BehaviourEntry, BehaviourList
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit
from wenming.render.lookup import penalty_line, unpenalised_line


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case BehaviourList():
            behaviours(console, result)
        case AllCitiesBehaviours():
            behaviours_all(console, result)
        case _:
            raise TypeError(f"wenming.render.behaviours cannot draw {type(result).__qualname__}")


def behaviours(console: ViewConsole, view: BehaviourList) -> None:
    heading = None
    unpenalised: list[BehaviourEntry] = []
    for entry in view.entries:
        if entry.heading != heading:
            heading = entry.heading
            title = f"{entry.domain}（{entry.article_citation}）"
            if entry.kind == "duty":  # a penalised provision outside the behaviour lists (第三十二条第四款)
                title = f"行为清单以外设有罚则的规定：{title}"
            emit(console, Text(title, style="bold"))
            if entry.kind == "list-system":
                emit(console, Text(entry.text), INDENT)
                continue
        emit(console, Text(entry.text), INDENT, Text(f"{entry.citation}  ", style="cyan"))
        hang = INDENT * 2
        for link in entry.penalties:
            penalty_line(console, link, hang)
        unpenalised_line(console, entry.unpenalised_part, hang)
        if entry.otherwise:
            unpenalised.append(entry)
    if unpenalised:
        # An item whose penalties cover only part of it counts too, and is named.
        partly = [entry.citation for entry in unpenalised if entry.penalised]
        count = f"未列罚则的 {len(unpenalised)} 项"
        if partly:
            count += f"（含{'、'.join(partly)}未设罚则的部分）"
        console.put(Text())
        emit(console, Text(f"{count}：{unpenalised[0].otherwise}", style="dim"))


def behaviours_all(console: ViewConsole, view: AllCitiesBehaviours) -> None:
    """Each city's lists under its name; a regulation whose lists are not annotated says so."""
    for index, city in enumerate(view.cities):
        if index:
            console.put(Text())
        heading = Text(f"■ {city.city}", style="bold")
        heading.append(f"  《{city.title}》", style="dim")
        emit(console, heading)
        if city.notice:
            emit(console, Text(f"注意：{city.notice}", style="yellow"))
        if not city.annotated:
            emit(console, Text(city.lacks or "未标注", style="dim"), INDENT)
            continue
        behaviours(console, BehaviourList(entries=city.behaviours))
    if view.without_domain:
        console.put(Text())
        emit(console, Text(f"没有这一类的：{'、'.join(view.without_domain)}", style="dim"))
