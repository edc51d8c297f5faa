"""Views of look-up results: an article with its paragraphs and items."""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from wenming.lookup import ArticleView
from wenming.numerals import to_chinese

ITEM_INDENT = 2


def article(console: Console, view: ArticleView) -> None:
    console.print(Text(f"第{to_chinese(view.chapter)}章 {view.chapter_title}", style="dim"))
    heading = Text(view.citation, style="bold")
    if view.focus:
        heading.append(f"  （{view.focus}）", style="yellow")
    console.print(heading)
    for paragraph in view.paragraphs:
        focused = view.focus is not None and view.focus == paragraph.citation
        console.print(Text(paragraph.text, style="bold yellow" if focused else ""))
        for item in paragraph.items:
            style = "bold yellow" if view.focus == item.citation else ""
            line = Text(f"（{to_chinese(item.number)}）", style="cyan")
            line.append(item.text, style=style)
            console.print(Padding(line, (0, 0, 0, ITEM_INDENT)))
