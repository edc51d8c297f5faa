"""What the extractor reads off one liability provision, before it is written as data.

Plain records: the accuracy tool (tools/extraction_accuracy.py) compares them with the hand
records field by field; wenming.extract.drafts writes them in the data file's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Where = Literal["provision", "lead-in"]
LinkKind = Literal["citation", "relative", "description", "carried"]
EntryKind = Literal["penalty", "referral", "discipline", "text-only"]


@dataclass
class FoundMeasure:
    kind: str
    name: str
    text: str
    min: int | None = None
    max: int | None = None
    optional: bool = False
    per: str | None = None
    of: str | None = None
    what: str | None = None


@dataclass
class FoundStep:
    condition: str
    sanction: str
    circumstance: str | None  # a circumstance key; None for the violation itself
    circumstance_words: str | None  # the words that named it
    measures: list[FoundMeasure]
    connector: Literal["and", "or"] = "and"
    also: list[str] = field(default_factory=list)  # further circumstances the condition names (或者)


@dataclass
class FoundLadder:
    party: str | None  # person | organisation
    role: str | None  # as written
    steps: list[FoundStep]


@dataclass
class FoundAgency:
    name: str
    kind: str
    where: Where


@dataclass
class Finding:
    """One liability provision (or one sentence of one) as read by rule."""

    article: int
    paragraph: int
    item: int | None
    sentence: int | None  # where the paragraph holds several penalty sentences, 1, 2 …
    provision: str  # the citation, 款 only where the article has several
    line: int
    text: str  # the unit's words
    lead_in: str | None
    link: LinkKind
    cites: list[str]
    words: str | None  # the behaviour as the provision words it
    agencies: list[FoundAgency]
    agency_text: str | None
    ladders: list[FoundLadder]
    referral: bool
    laws: list[str]
    kind: EntryKind = "penalty"
    taxonomy: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        parts = [str(self.article), str(self.paragraph)]
        if self.item is not None:
            parts.append(str(self.item))
        if self.sentence is not None:
            parts.append(f"s{self.sentence}")
        return "-".join(parts)
