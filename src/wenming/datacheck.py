"""Checking a regulation file: the summary or the problems that `wenming validate` prints."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

from wenming.loader import DataError, display_path, read_text, regulation_from_text
from wenming.model import Regulation


class DataSummary(BaseModel):
    title: str
    chapters: int
    articles: int
    paragraphs: int
    items: int
    penalties: int
    # The provisions whose breach is penalised (behaviour cites), in the statute's form, in data order.
    penalised_provisions: list[str]


class DataProblemView(BaseModel):
    file: str
    line: int | None
    field: str | None
    message: str


class DataReport(BaseModel):
    file: str
    valid: bool
    summary: DataSummary | None
    problems: list[DataProblemView]


def summarise(regulation: Regulation) -> DataSummary:
    articles = regulation.articles()
    paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
    return DataSummary(
        title=regulation.meta.title,
        chapters=len(regulation.chapters),
        articles=len(articles),
        paragraphs=len(paragraphs),
        items=sum(len(paragraph.items) for paragraph in paragraphs),
        penalties=len(regulation.penalties),
        penalised_provisions=[regulation.citation_text(cited) for cited in regulation.penalised_behaviours()],
    )


def check_data_file(path: Path) -> DataReport:
    """Read and validate `path` afresh (never from a cache): a summary, or every problem found."""
    source = display_path(path)
    try:
        regulation = regulation_from_text(read_text(path), source)
    except DataError as error:
        problems = [
            DataProblemView(file=error.source, line=p.line, field=p.field, message=p.message) for p in error.problems
        ]
        return DataReport(file=source, valid=False, summary=None, problems=problems)
    return DataReport(file=source, valid=True, summary=summarise(regulation), problems=[])
