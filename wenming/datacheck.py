"""Checking a regulation file: the summary or the problems that `wenming validate` prints."""

from __future__ import annotations

from pathlib import Path

from wenming.answer import Answer, field
from wenming.loader import DataError, display_path, read_text, regulation_from_text
from wenming.regulation import Regulation


class DataSummary(Answer):
    title: str
    chapters: int
    articles: int
    paragraphs: int
    items: int
    penalties: int
    drafts: int = 0  # penalties and liability provisions not yet read by a person (review: draft)
    complete: bool = True  # false: the source was cut short (its damage says where); answers say so
    # The provisions whose breach is penalised (behaviour cites), in the statute's form, in data order.
    penalised_provisions: list[str]


class DataProblemView(Answer):
    file: str
    line: int | None
    field: str | None
    message: str


class DataReport(Answer):
    file: str
    valid: bool
    summary: DataSummary | None
    problems: list[DataProblemView]
    # A valid file's penalties not yet read by a person (review: draft): usable, labelled in every answer.
    warnings: list[DataProblemView] = field(default_factory=list)


def summarise(regulation: Regulation) -> DataSummary:
    articles = regulation.all_articles()
    paragraphs = [paragraph for article in articles for paragraph in article.paragraphs]
    return DataSummary(
        title=regulation.meta.title,
        chapters=len(regulation.chapters),
        articles=len(articles),
        paragraphs=len(paragraphs),
        items=sum(len(paragraph.items) for paragraph in paragraphs),
        penalties=len(regulation.penalties),
        drafts=len(draft_entries(regulation)),
        complete=regulation.complete,
        penalised_provisions=[regulation.citation_text(cited) for cited in regulation.penalised_behaviours()],
    )


def draft_entries(regulation: Regulation) -> list[tuple[str, str]]:
    """(field, message) for each penalty, liability provision or taxonomy link still marked draft (not read by
    a person)."""
    found = [
        (f"penalties[{index}].review", f"{penalty.provision}（{penalty.key}）未经人工核对（草稿）")
        for index, penalty in enumerate(regulation.penalties)
        if penalty.review == "draft"
    ]
    found += [
        (f"liability[{index}].review", f"{entry.citation}（{entry.kind}）未经人工核对（草稿）")
        for index, entry in enumerate(regulation.liability)
        if entry.review == "draft"
    ]
    found += [
        (f"behaviour_taxonomy[{index}].review", f"{link.cites}（{link.taxonomy}）的分类未经人工核对（草稿）")
        for index, link in enumerate(regulation.behaviour_taxonomy)
        if link.review == "draft"
    ]
    return found


def check_data_file(path: Path, strict: bool = False) -> DataReport:
    """Read and validate `path` afresh (never from a cache): a summary, or every problem found.

    Penalties still marked draft are warnings (the file is usable; every answer from them says it is
    unreviewed); with `strict` they are problems, and the file is refused.
    """
    source = display_path(path)
    try:
        regulation = regulation_from_text(read_text(path), source)
    except DataError as error:
        problems = [
            DataProblemView(file=error.source, line=p.line, field=p.field, message=p.message) for p in error.problems
        ]
        return DataReport(file=source, valid=False, summary=None, problems=problems)
    drafts = [DataProblemView(file=source, line=None, field=f, message=m) for f, m in draft_entries(regulation)]
    if strict and drafts:
        return DataReport(file=source, valid=False, summary=None, problems=drafts)
    return DataReport(file=source, valid=True, summary=summarise(regulation), problems=[], warnings=drafts)
