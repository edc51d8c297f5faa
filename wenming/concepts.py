"""The shared vocabulary's schema: what data/vocabulary.yaml holds (people's words and the concepts
they name), shared by every regulation.

Kept apart from wenming.model, whose classes every command builds at import: only reading a phrase
(and validating a data file) needs these.
"""

from functools import cached_property
from typing import Literal

from pydantic import Field

from wenming.datarecord import field
from wenming.model import Key, NonEmpty, Record


class VocabularyRecord(Record):
    """The data's record (frozen, no unknown fields), declared here so that its models read as such."""


ConceptKind = Literal["who", "place", "act"]


class Exclusion(VocabularyRecord):
    """A concept another contradicts (a home is no 禁止吸烟场所), and the reading that says why."""

    concept: NonEmpty
    reading: NonEmpty  # shown with a not-met answer; says it is a reading where the law does not


class Concept(VocabularyRecord):
    """One concept and the words that name it; see data/vocabulary.yaml for each field's meaning."""

    key: NonEmpty
    kind: ConceptKind = "act"
    says: list[NonEmpty] = field(default_factory=list)
    statute: list[NonEmpty] = field(default_factory=list)
    implies: list[NonEmpty] = field(default_factory=list)
    may_be: list[NonEmpty] = field(default_factory=list)
    excludes: list[Exclusion] = field(default_factory=list)
    done: list[NonEmpty] = field(default_factory=list)


class AgencyKind(VocabularyRecord):
    """A kind of enforcing body shared by every regulation, however each words it (城市管理部门, 城管执法部门)."""

    key: Key
    name: NonEmpty
    # Words of an agency's name that make it this kind, for drafting by rule (wenming.extract);
    # the longest word found decides (公安机关交通管理部门 before 公安机关).
    words: list[NonEmpty] = field(default_factory=list)


class BehaviourType(VocabularyRecord):
    """A behaviour shared across regulations (the taxonomy), so that cities can be compared."""

    key: Key
    name: NonEmpty
    # The vocabulary's concepts that identify it, and those of them whose leaving undone is the behaviour
    # (系犬绳 for dog-leash): a regulation's penalty of this key that its data does not describe
    # (behaviour_concepts) is read by these, so that a phrase reaches it in every city.
    concepts: list[NonEmpty] = field(default_factory=list)
    omits: list[NonEmpty] = field(default_factory=list)
    # Concepts it bears without being identified by them (出户 for dog-leash).
    context: list[NonEmpty] = field(default_factory=list)
    # Statute words that mark a provision as this behaviour, for drafting by rule (wenming.extract).
    words: list[NonEmpty] = field(default_factory=list)


class Vocabulary(VocabularyRecord):
    """The vocabulary file's schema: what data/vocabulary.yaml holds."""

    schema_version: Literal[1]
    question_words: list[NonEmpty] = field(default_factory=list)
    negations: list[NonEmpty] = field(default_factory=list)
    ignored: list[NonEmpty] = field(default_factory=list)
    concepts: list[Concept] = Field(min_length=1)
    agency_kinds: list[AgencyKind] = field(default_factory=list)
    behaviours: list[BehaviourType] = field(default_factory=list)

    @cached_property
    def by_key(self) -> dict[str, Concept]:
        return {concept.key: concept for concept in self.concepts}
