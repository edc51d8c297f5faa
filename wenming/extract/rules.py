"""The extractor's rules file (data/extraction.yaml): its schema and its loading.

Every word of the law the extractor looks for is there; this module only says what shape it has.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field

from wenming.datarecord import DataRecord, field
from wenming.model import Key, MeasureKind, NonEmpty
from wenming.paths import shipped


class _Rule(DataRecord):
    """A rule of the file: no unknown fields, immutable (DataRecord's defaults)."""


class CircumstanceRule(_Rule):
    key: Key
    description: NonEmpty
    words: list[NonEmpty] = Field(min_length=1)
    in_behaviour: bool = False  # closing the violation's own condition, it is part of the behaviour


class MeasureRule(_Rule):
    kind: MeasureKind
    words: list[NonEmpty] = Field(min_length=1)
    pattern: NonEmpty | None = None  # a regular expression whose match is the measure's words
    # The word is no measure when one of these follows it (警告后).
    not_before: list[NonEmpty] = field(default_factory=list)


class PartyRule(_Rule):
    words: list[NonEmpty] = Field(min_length=1)
    party: Literal["person", "organisation"]


class Rules(_Rule):
    schema_version: Literal[1]
    liability_chapter: list[NonEmpty] = Field(min_length=1)
    condition_end: NonEmpty
    liability_marks: list[NonEmpty] = Field(min_length=1)
    # Outside the chapter, a sanction naming no breach.
    standalone_sanctions: list[NonEmpty] = field(default_factory=list)
    standalone_objects: list[NonEmpty] = field(default_factory=list)  # … on what (不文明行为)
    standalone_not: list[NonEmpty] = field(default_factory=list)  # … not where the sentence sets up the means
    not_penalty: list[NonEmpty] = field(default_factory=list)
    circumstance_negations: list[NonEmpty] = field(default_factory=list)
    circumstances: list[CircumstanceRule] = Field(min_length=1)
    fine_pattern: NonEmpty
    fine_name: NonEmpty
    per_law_name: NonEmpty
    optional_words: list[NonEmpty] = field(default_factory=list)
    or_words: list[NonEmpty] = field(default_factory=list)
    measures: list[MeasureRule] = Field(min_length=1)
    referral: list[NonEmpty] = Field(min_length=1)
    unstructured: list[NonEmpty] = field(default_factory=list)
    discipline_behaviours: list[Key] = field(default_factory=list)
    # 对…人员，依法给予处分: who bears the sanction, opening it.
    sanction_openers: list[NonEmpty] = field(default_factory=list)
    agency_marker: NonEmpty
    agency_subject_pattern: NonEmpty
    agency_end: list[NonEmpty] = Field(min_length=1)
    agency_split: list[NonEmpty] = field(default_factory=list)
    agency_trim: list[NonEmpty] = field(default_factory=list)
    agency_min_chars: int = 4
    parties: list[PartyRule] = field(default_factory=list)
    role_pattern: NonEmpty
    party_pattern: NonEmpty
    roles: list[NonEmpty] = field(default_factory=list)
    citing: list[NonEmpty] = Field(min_length=1)
    citing_items: list[NonEmpty] = Field(min_length=1)
    relative_paragraph: list[NonEmpty] = field(default_factory=list)
    # 依照前款规定从重处罚: the sanction's source, not the behaviour.
    relative_not_after: list[NonEmpty] = field(default_factory=list)
    other_items: list[NonEmpty] = field(default_factory=list)
    new_behaviour_min_chars: int = 8
    behaviour_preambles: list[NonEmpty] = field(default_factory=list)
    citation_only: NonEmpty


def longest_first(words: list[str]) -> list[str]:
    return sorted(words, key=len, reverse=True)


@cache
def load_rules(path: Path | None = None) -> Rules:
    """The rules (default: the shipped data/extraction.yaml), validated."""
    resolved = path if path is not None else shipped("extraction.yaml")
    return Rules.validate(yaml.safe_load(resolved.read_text(encoding="utf-8")))
