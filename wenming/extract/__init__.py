"""Penalties drafted by rule from a regulation's text, for `wenming import`.

The contract between the importer (wenming.importer) and the extractor: `draft_penalties(read)`
takes the reader's structure (with source lines) and returns what the data file's penalty part
holds, each penalty marked `review: draft` with what the extractor was unsure of, and the
problems it met, each with its source line.

The procedure is here and in its modules (units: where the liability provisions are; sanctions:
their ladders, measures, amounts and agencies; reading: one Finding per provision; drafts: the
data file's shape, checked by its own validation). Every word of the law it looks for is in
data/extraction.yaml; agency kinds and the behaviour taxonomy are data/vocabulary.yaml's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wenming.concepts import Vocabulary
from wenming.extract.drafts import write
from wenming.extract.found import Finding
from wenming.extract.reading import findings
from wenming.extract.rules import Rules, load_rules
from wenming.loader import load_vocabulary
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
    # Governed provisions and the shared behaviour key each is an instance of (RegulationData's field).
    behaviour_taxonomy: list[dict[str, Any]] = field(default_factory=list)


def _shared_vocabulary() -> Vocabulary:
    return load_vocabulary()[0]


def find_liability(
    read: ReadRegulation, rules: Rules | None = None, vocabulary: Vocabulary | None = None
) -> list[Finding]:
    """Every liability provision of `read` as the rules read it (what the accuracy tool measures)."""
    return findings(read, rules or load_rules(), vocabulary or _shared_vocabulary())


def draft_penalties(read: ReadRegulation) -> Drafts:
    rules, vocabulary = load_rules(), _shared_vocabulary()
    found = findings(read, rules, vocabulary)
    written = write(read, found, rules, vocabulary)
    problems = [
        DraftProblem(finding.line, "not-structured", f"{finding.provision}未能起草为罚则，改为原文引用：{message}")
        for finding, message in written.demoted
    ]
    if written.unchecked:
        problems.append(DraftProblem(None, "unchecked", written.unchecked))
    if not found:
        problems.append(DraftProblem(None, "no-liability", "未找到法律责任条款（no liability provision found）"))
    return Drafts(
        circumstances=written.circumstances,
        agencies=written.agencies,
        penalties=written.penalties,
        liability=written.liability,
        problems=problems,
        behaviour_taxonomy=written.behaviour_taxonomy,
    )
