"""The view of an article in context (wenming.lookup), and the penalty lines behaviours share."""

from __future__ import annotations

from rich.text import Text

from wenming.citation import chapter_citation
from wenming.lookup import ArticleView, PenaltyLink
from wenming.numerals import to_chinese
from wenming.render import ViewConsole
from wenming.render.lines import INDENT, emit

FOCUS_MARK = "> "  # ASCII, so that it keeps its width in every terminal
FOCUS = "bold yellow"
UNPENALISED_STYLE = "yellow"


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case ArticleView():
            article(console, result)
        case _:
            raise TypeError(f"wenming.render.lookup cannot draw {type(result).__qualname__}")


def unpenalised_line(console: ViewConsole, words: str | None, indent: int) -> None:
    """The part of a behaviour no penalty covers (第二十二条第十项's rabies vaccination)."""
    if words:
        emit(console, Text(f"本条例未设罚则的部分：{words}", style=UNPENALISED_STYLE), indent)


def penalty_line(console: ViewConsole, link: PenaltyLink, indent: int) -> None:
    words = f"罚则 {link.provision}" + ("（未经人工核对）" if link.review == "draft" else "")
    if link.part:
        words += f"（针对：{link.part}）"
    words += f"：{link.brief}"
    if link.agencies:
        words += f"（执法：{'、'.join(link.agencies)}）"
    emit(console, Text(words, style="red"), indent)
    for number, step in enumerate(link.steps, start=1):  # an interpretation is shown with its step
        if step.reading:
            emit(console, Text(f"第{number}档的解读：{step.reading}", style="dim"), indent + INDENT)


def article(console: ViewConsole, view: ArticleView) -> None:
    if view.chapter is not None:
        title = f" {view.chapter_title}" if view.chapter_title else ""
        emit(console, Text(f"{chapter_citation(view.chapter)}{title}", style="dim"))
    heading = Text(view.citation, style="bold")
    if view.focus:
        heading.append(f"  （{view.focus}）", style="yellow")
    emit(console, heading)
    for paragraph in view.paragraphs:
        focused = view.focus == paragraph.citation
        emit(console, Text(paragraph.text, style=FOCUS if focused else ""), lead=FOCUS_MARK if focused else "")
        for link in paragraph.penalties:
            penalty_line(console, link, INDENT)
        unpenalised_line(console, paragraph.unpenalised_part, INDENT)
        for cited in paragraph.cites:
            words = f"所罚行为 {cited.citation}：{cited.part or cited.text}"
            emit(console, Text(words, style="cyan"), INDENT)
        for title in paragraph.notes:
            emit(console, Text(f"立法说明：{title}", style="dim"), INDENT)
        for item in paragraph.items:
            item_focused = view.focus == item.citation
            marker = Text(FOCUS_MARK if item_focused else " " * INDENT)
            marker.append(f"（{to_chinese(item.number)}）", style="cyan")
            emit(console, Text(item.text, style=FOCUS if item_focused else ""), lead=marker)
            hang = marker.cell_len
            for link in item.penalties:
                penalty_line(console, link, hang)
            unpenalised_line(console, item.unpenalised_part, hang)
            for title in item.notes:
                emit(console, Text(f"立法说明：{title}", style="dim"), hang)
    for fact in view.facts:
        emit(console, Text(f"公报未载，另据记载：{fact.fact}（{fact.date}）", style="green"))
        emit(console, Text(f"来源：{fact.source}", style="dim"), INDENT)
    if view.notes:
        emit(console, Text("立法说明", style="bold"))
        for note in view.notes:
            if note.deleted_clause:  # no surviving provision is its subject
                emit(
                    console,
                    Text(f"{note.title}（说明的是{note.deleted_clause}；与{'、'.join(note.here)}相关）"),
                    INDENT,
                )
            else:
                emit(console, Text(f"{note.title}（涉及{'、'.join(note.here)}）"), INDENT)
            emit(console, Text(note.summary), INDENT * 2)
            emit(console, Text(f"来源：{note.source}", style="dim"), INDENT * 2)
