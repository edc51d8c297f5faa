"""Views of look-up results: an article in context, the contents, behaviours, search hits.

Lines are wrapped by render.text, by display cells: items get a hanging indent, and no line
starts with closing punctuation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wenming.citation import chapter_citation
from wenming.numerals import to_chinese
from wenming.render.console import Console, Text
from wenming.render.text import INDENT, emit

if TYPE_CHECKING:  # names for annotations: a search's view need not import the look-ups, nor they search
    from wenming.behaviours import BehaviourEntry, BehaviourList
    from wenming.contents import ContentsView
    from wenming.lookup import ArticleView, PenaltyLink
    from wenming.search import SearchResult

FOCUS_MARK = "> "  # ASCII, so that it keeps its width in every terminal
HIGHLIGHT = "bold reverse"
FOCUS = "bold yellow"


UNPENALISED_STYLE = "yellow"


def _unpenalised_line(console: Console, words: str | None, indent: int) -> None:
    """The part of a behaviour no penalty covers (第二十二条第十项's rabies vaccination)."""
    if words:
        emit(console, Text(f"本条例未设罚则的部分：{words}", style=UNPENALISED_STYLE), indent)


def _penalty_line(console: Console, link: PenaltyLink, indent: int) -> None:
    words = f"罚则 {link.provision}"
    if link.part:
        words += f"（针对：{link.part}）"
    words += f"：{link.brief}"
    if link.agencies:
        words += f"（执法：{'、'.join(link.agencies)}）"
    emit(console, Text(words, style="red"), indent)


# --- article ----------------------------------------------------------------------------------


def article(console: Console, view: ArticleView) -> None:
    emit(console, Text(f"{chapter_citation(view.chapter)} {view.chapter_title}", style="dim"))
    heading = Text(view.citation, style="bold")
    if view.focus:
        heading.append(f"  （{view.focus}）", style="yellow")
    emit(console, heading)
    for paragraph in view.paragraphs:
        focused = view.focus == paragraph.citation
        emit(console, Text(paragraph.text, style=FOCUS if focused else ""), lead=FOCUS_MARK if focused else "")
        for link in paragraph.penalties:
            _penalty_line(console, link, INDENT)
        _unpenalised_line(console, paragraph.unpenalised_part, INDENT)
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
                _penalty_line(console, link, hang)
            _unpenalised_line(console, item.unpenalised_part, hang)
            for title in item.notes:
                emit(console, Text(f"立法说明：{title}", style="dim"), hang)
    for fact in view.facts:
        emit(console, Text(f"公报未载，另据记载：{fact.fact}（{fact.date}）", style="green"))
        emit(console, Text(f"来源：{fact.source}", style="dim"), INDENT)
    if view.notes:
        emit(console, Text("立法说明", style="bold"))
        for note in view.notes:
            emit(console, Text(f"{note.title}（涉及{'、'.join(note.here)}）"), INDENT)
            emit(console, Text(note.summary), INDENT * 2)
            emit(console, Text(f"来源：{note.source}", style="dim"), INDENT * 2)


# --- contents ---------------------------------------------------------------------------------


def contents(console: Console, view: ContentsView) -> None:
    emit(console, Text(view.title, style="bold"))
    for chapter in view.chapters:
        emit(console, Text(f"{chapter.citation} {chapter.title}（{chapter.articles_text}）", style="bold"))
        for line in chapter.articles:
            emit(console, Text(line.first_line), INDENT, Text(f"{line.citation}  ", style="cyan"))


# --- behaviours -------------------------------------------------------------------------------


def behaviours(console: Console, view: BehaviourList) -> None:
    heading = None
    unpenalised: list[BehaviourEntry] = []
    for entry in view.root:
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
            _penalty_line(console, link, hang)
        _unpenalised_line(console, entry.unpenalised_part, hang)
        if entry.otherwise:
            unpenalised.append(entry)
    if unpenalised:
        # An item whose penalties cover only part of it counts too, and is named.
        partly = [entry.citation for entry in unpenalised if entry.penalised]
        count = f"未列罚则的 {len(unpenalised)} 项"
        if partly:
            count += f"（含{'、'.join(partly)}未设罚则的部分）"
        console.print()
        emit(console, Text(f"{count}：{unpenalised[0].otherwise}", style="dim"))


# --- search -----------------------------------------------------------------------------------


def search(console: Console, view: SearchResult) -> None:
    if view.searched_as:
        emit(console, Text(view.searched_as, style="dim"))
    for hit in view.hits:
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
    emit(console, Text(f"共 {len(view.hits)} 处", style="dim"))
