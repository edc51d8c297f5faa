"""Penalties drafted by rule from a regulation's text, for `wenming import`.

The contract between the importer (wenming.importer) and the extractor: `draft_penalties(read)`
takes the reader's structure (with source lines) and returns what the data file's penalty part
holds, each penalty marked `review: draft` with what the extractor was unsure of, and the
problems it met, each with its source line.

Interface only, until the extractor is written: it drafts nothing and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wenming.reader.document import ReadRegulation


@dataclass(frozen=True)
class DraftProblem:
    line: int | None
    kind: str
    message: str


@dataclass
class Drafts:
    """The penalty part of a data file, as plain dicts in data/regulation.yaml's shape."""

    circumstances: list[dict[str, Any]] = field(default_factory=list)
    agencies: list[dict[str, Any]] = field(default_factory=list)
    penalties: list[dict[str, Any]] = field(default_factory=list)
    liability: list[dict[str, Any]] = field(default_factory=list)
    problems: list[DraftProblem] = field(default_factory=list)


def draft_penalties(read: ReadRegulation) -> Drafts:
    return Drafts(problems=[DraftProblem(None, "not-extracted", "罚则尚未提取（the extractor is not written yet）")])
