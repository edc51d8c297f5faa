"""Checking a regulation file: the summary or the problems that `wenming validate` prints."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from wenming.loader import DataError, display_path, read_text, regulation_from_text
from wenming.regulation import Regulation


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
    # A valid file the command line cannot use in full, e.g. a circumstance no `fine` flag gives.
    warnings: list[DataProblemView] = []


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
        penalised_provisions=[regulation.citation_text(cited) for cited in regulation.penalised_behaviours()],
    )


def flag_warnings(regulation: Regulation, flags: Sequence[str]) -> list[tuple[str | None, str]]:
    """(field, message) for each circumstance key without a --flag, and each flag without a key.

    `fine` reaches a step only through the flags (--refused …): a renamed key would leave its
    steps unreachable, and the old flag would be refused.
    """
    keys = [circumstance.key for circumstance in regulation.circumstances]
    listed = "、".join(f"--{flag}" for flag in flags)
    found: list[tuple[str | None, str]] = [
        (f"circumstances[{index}].key", f"情形 {key} 没有对应的 fine 选项（现有 {listed}），fine 选不到它所在的各档")
        for index, key in enumerate(keys)
        if key not in flags
    ]
    found += [
        (None, f"fine --{flag} 没有对应的情形（circumstances 中没有 {flag}），使用时报错")
        for flag in flags
        if flag not in keys
    ]
    return found


def check_data_file(path: Path, circumstance_flags: Sequence[str] | None = None) -> DataReport:
    """Read and validate `path` afresh (never from a cache): a summary, or every problem found.

    With `circumstance_flags` (the command line's --flags), a valid file whose circumstance keys
    differ from them is reported with warnings: still valid (exit 0), but not usable in full.
    """
    source = display_path(path)
    try:
        regulation = regulation_from_text(read_text(path), source)
    except DataError as error:
        problems = [
            DataProblemView(file=error.source, line=p.line, field=p.field, message=p.message) for p in error.problems
        ]
        return DataReport(file=source, valid=False, summary=None, problems=problems)
    flagged = flag_warnings(regulation, circumstance_flags) if circumstance_flags is not None else []
    warnings = [DataProblemView(file=source, line=None, field=field, message=message) for field, message in flagged]
    return DataReport(file=source, valid=True, summary=summarise(regulation), problems=[], warnings=warnings)
