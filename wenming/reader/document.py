"""What the reader returns: a regulation's title, adoption history and text, and the damage found.

A plain structure, not `wenming.model.Regulation`: `text_part()` gives the chapters (or, without
chapters, the articles), paragraphs and items in data/regulation.yaml's shape, and `to_dict()`
everything, for JSON.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from wenming.reader.header import AdoptionEvent
from wenming.reader.structure import Article, Chapter, Problem, Repair, render_lines, text_part

SourceFormat = Literal["lawrefbook", "gazette"]


@dataclass
class ReadRegulation:
    title: str
    source_format: SourceFormat
    title_line: int
    adoption_lines: list[tuple[int, str]]  # the adoption history's lines, as printed
    adoption: list[AdoptionEvent]  # each event they record
    chapters: list[Chapter]  # empty for a regulation without chapters
    articles: list[Article]  # every article, in order
    problems: list[Problem]
    repairs: list[Repair]
    skipped: list[int]  # lines read as layout only (a gazette's table of contents)
    incomplete: bool  # cut short, or a chapter or article missing: never to be presented as whole

    def lines(self) -> list[str]:
        """The text written back as lines (see `wenming.reader.structure.render_lines`)."""
        return render_lines(self.chapters, self.articles)

    def text_part(self) -> dict[str, Any]:
        return text_part(self.chapters, self.articles)

    def counts(self) -> dict[str, int]:
        return {
            "chapters": len(self.chapters),
            "articles": len(self.articles),
            "paragraphs": sum(len(article.paragraphs) for article in self.articles),
            "items": sum(len(p.items) for article in self.articles for p in article.paragraphs),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "source_format": self.source_format,
            "incomplete": self.incomplete,
            "counts": self.counts(),
            "adoption": [
                {
                    "line": e.line,
                    "as_printed": e.as_printed,
                    "date": e.date.isoformat() if e.date else None,
                    "event": e.event,
                    "by": e.by,
                    "body": e.body,
                }
                for e in self.adoption
            ],
            **self.text_part(),
            "problems": [dataclasses.asdict(problem) for problem in self.problems],
            "repairs": [
                {
                    "line": r.line,
                    "kind": r.kind,
                    "citation": r.citation.chinese() if r.citation else None,
                    "printed": list(r.printed),
                    "read": list(r.read),
                }
                for r in self.repairs
            ],
        }
