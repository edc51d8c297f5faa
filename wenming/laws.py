"""The national law wenming's answers lean on, as validated data: data/laws.yaml and data/parties.yaml.

data/laws.yaml quotes 《行政处罚法》 and other laws word for word and states the procedure rules as
data; data/parties.yaml says whom each of the regulation's penalties addresses. Both are read
together (`LawBook`), cached together (wenming.cache, keyed on both texts), and validated like the
regulation: the models forbid unknown fields and are immutable; wenming.lawcheck checks what spans
the files, as wenming.validation does for the regulation.

Nothing here knows a number or a word of the law: this module holds the shape and the look-ups.
"""

# No `from __future__ import annotations`: the cache's plans read these classes' annotations on every
# `fine`, and annotations written as strings would have to be evaluated first.

import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal, Protocol

from pydantic import ConfigDict, Field, StringConstraints

from wenming.datarecord import DataRecord, field

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A citation of a national law in its own form, e.g. 第六十三条第一款第一项.
LawCitation = Annotated[str, StringConstraints(pattern=r"^第[一二三四五六七八九十百零]+条")]
Yuan = Annotated[int, Field(ge=0, strict=True)]
PartyKey = Literal["person", "organisation"]
# `reading: false` — what the cited words say; any text — an interpretation, with its basis.
Reading = Literal[False] | NonEmpty


if TYPE_CHECKING:  # for the engine's type checking only: a protocol costs start-up time to make

    class Piece(Protocol):
        """Anything that quotes a piece of a provision: the engine quotes it as it is."""

        @property
        def citation(self) -> str: ...

        @property
        def words(self) -> str: ...


class Record(DataRecord):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --- the laws quoted ------------------------------------------------------------------------------


class Source(Record):
    file: NonEmpty  # the copy in this repository, relative to its root
    corpus: NonEmpty
    commit: NonEmpty


class Quoted(Record):
    """One whole unit of a law (an article of one paragraph, a paragraph, an item), word for word."""

    citation: LawCitation
    text: NonEmpty


class Law(Record):
    key: Key
    title: NonEmpty
    version: NonEmpty
    in_force: datetime.date
    source: Source
    provisions: list[Quoted] = Field(min_length=1)

    @cached_property
    def texts(self) -> dict[str, str]:
        return {provision.citation: provision.text for provision in self.provisions}


# --- pieces of provisions -------------------------------------------------------------------------


class Words(Record):
    """A piece of the provision `citation` names (checked: the words are in its text), with the figure
    it spells where it spells one (checked: 二百 in the words for 200). One class for all of them."""

    citation: LawCitation
    words: NonEmpty
    amount: Yuan | None = None
    days: int | None = Field(default=None, ge=1)
    years: int | None = Field(default=None, ge=1)
    percent_per_day: int | None = Field(default=None, ge=1)


class Amount(Record):
    citation: LawCitation
    words: NonEmpty
    amount: Yuan  # required here: a limit the engine computes with


# The provisions a rule rests on.
Cites = Annotated[list[LawCitation], Field(min_length=1)]


# --- the procedure rules (data/laws.yaml `procedure`) -----------------------------------------------


class Kind(Record):
    """A kind of 行政处罚 and the regulation's measure word for it (警告, 罚款)."""

    citation: LawCitation
    words: NonEmpty
    measure: NonEmpty


class OrderOnly(Record):
    """A step whose measures are none of `kinds` is not a 行政处罚."""

    cites: Cites
    kinds: list[Kind] = Field(min_length=1)
    order: Words
    reading: Reading


class WarningRule(Record):
    citation: LawCitation
    words: NonEmpty
    allowed: bool


class PartyLimits(Record):
    person: Amount
    organisation: Amount


class ReadingOnly(Record):
    reading: NonEmpty


class OnTheSpot(Record):
    cites: Cites
    reading: Reading
    may: Words
    precondition: Words
    warning: WarningRule
    fine_max: PartyLimits
    exception: Words
    inclusive: ReadingOnly  # 以下 includes the amount itself
    decision_form: Words
    decision_contents: Words
    filing: Words
    performance: Words


class GeneralProcedure(Record):
    cites: Cites
    reading: Reading
    scope: Words
    investigation: Words
    decision: Words
    decision_contents: list[Words]


class CollectionCase(Record):
    citation: LawCitation
    words: NonEmpty
    key: Key
    fine_max: Yuan | None = None  # a fine up to this amount
    amount: Yuan | None = None  # the figure the words spell
    fact: bool = False  # a question of fact the officer answers, not wenming


class OnTheSpotCollection(Record):
    cites: Cites
    reading: Reading
    requires: Words
    may: Words
    any_of: list[CollectionCase] = Field(min_length=1)
    receipt: Words
    refuse_without_receipt: Words
    otherwise_not: Words


class RemoteCollection(Record):
    cites: Cites
    reading: Reading
    after: Words
    where: Words
    when: Words
    may: Words


class NoticeAndDefence(Record):
    cites: Cites
    notice: Words
    defence: Words
    no_heavier: Words
    without_it_no_decision: Words
    waiver: Words
    reading: Reading


TellWhen = Literal["every", "hearing", "on-the-spot", "general-procedure", "fine", "on-the-spot-collection"]


class TellItem(Record):
    citation: LawCitation
    words: NonEmpty
    when: TellWhen
    days: int | None = Field(default=None, ge=1)


class TellTheParty(Record):
    cites: Cites
    reading: Reading
    items: list[TellItem] = Field(min_length=1)


class Hearing(Record):
    cites: Cites
    trigger: Words
    must_tell: Words
    request_within: Words
    working_days: Words
    threshold: Yuan | None  # null: the sources give no figure, and none is guessed
    threshold_note: NonEmpty
    reading: Reading


class Payment(Record):
    cites: Cites
    within: Words
    unless_collected: Words
    deferral: Words
    late: Words
    reading: Reading


Sentence = Literal["shall", "may"]


class NoPenaltySentence(Record):
    citation: LawCitation
    words: NonEmpty
    requires: list[NonEmpty] = Field(min_length=1)


class Excludes(Record):
    """A circumstance of the regulation (by key) read as excluding requisites of 不予行政处罚."""

    circumstance: Key
    name: NonEmpty
    excludes: list[NonEmpty] = Field(min_length=1)
    sentences: list[Sentence] = Field(min_length=1)
    reading: bool


class NoPenalty(Record):
    cites: Cites
    shall: NoPenaltySentence
    may: NoPenaltySentence
    no_fault: Words
    educate: Words
    reading: Reading
    excludes: list[Excludes] = field(default_factory=list)


class Minors(Record):
    cites: Cites
    under_14: Words
    from_14_to_18: Words
    party: PartyKey
    reading: Reading


class Limitation(Record):
    cites: Cites
    general: Words
    extended: Words
    other_law: Words
    counted_from: Words
    reading: Reading


class Temporal(Record):
    cites: Cites
    rule: Words
    lighter_new: Words
    reading: Reading


class Discretion(Record):
    cites: Cites
    citation: LawCitation
    words: NonEmpty
    reading: Reading
    # The regulation's circumstances it concerns (情节严重, 再次违反).
    circumstances: list[Key] = field(default_factory=list)


class Deadline(Record):
    cites: Cites
    citation: LawCitation
    words: NonEmpty
    wording: NonEmpty  # the order's words that set the deadline (this project's, not the law's)
    reading: Reading
    applies_to: list[Key] = Field(min_length=1)  # the circumstances that presuppose a deadline


class OneFine(Record):
    cites: Cites
    citation: LawCitation
    words: NonEmpty
    reading: Reading


class Procedure(Record):
    law: Key
    order_only: OrderOnly
    on_the_spot: OnTheSpot
    general_procedure: GeneralProcedure
    on_the_spot_collection: OnTheSpotCollection
    remote_collection: RemoteCollection
    notice_and_defence: NoticeAndDefence
    tell_the_party: TellTheParty
    hearing: Hearing
    payment: Payment
    no_penalty: NoPenalty
    minors: Minors
    limitation: Limitation
    temporal: Temporal
    discretion: Discretion
    deadline: Deadline
    one_fine: OneFine


RuleName = Literal[
    "deadline",
    "on_the_spot",
    "general_procedure",
    "notice_and_defence",
    "hearing",
    "on_the_spot_collection",
    "remote_collection",
    "payment",
    "no_penalty",
    "minors",
]


class ChecklistItem(Record):
    """A question every answer about a step answers, in order: a provision (or a piece of it) and its rule."""

    citation: LawCitation
    rule: RuleName
    words: NonEmpty | None = None


Effect = Literal["no-penalty", "lighter-or-reduced"]


class ReduceGround(Record):
    """A ground of national law that lowers a fine below, or within, a step's range."""

    citation: LawCitation
    words: NonEmpty
    key: Key
    law: Key
    effect: Effect
    shall: bool  # 应当 (true) or 可以 (false)
    party: PartyKey | None = None
    lead_in: Words | None = None


# --- onward: another law's penalty for what this regulation leaves unpenalised -----------------------


class RegulationWords(Record):
    """Words of the regulation (data/regulation.yaml), where an onward pointer starts."""

    citation: NonEmpty
    words: NonEmpty


class OnwardFine(Record):
    min: Yuan | None  # null: the law gives no lower figure (可以处…以下), which is not 0
    max: Yuan


class OnwardStep(Record):
    condition: Words
    when_any: list[Key] = field(default_factory=list)
    sanction: Words
    measures: list[NonEmpty] = Field(min_length=1)
    fine_optional: bool = False  # 可以处
    fine: OnwardFine
    min: Amount | None = None
    max: Amount | None = None


class Onward(Record):
    cites: Cites
    key: Key
    from_: RegulationWords = Field(alias="from")
    law: Key
    duty: Words
    provision: LawCitation
    lead_in: Words
    item: Words
    agency: Words
    steps: list[OnwardStep] = Field(min_length=1)
    specific_rules: Words
    reading: Reading


class LawData(Record):
    """data/laws.yaml, field by field."""

    schema_version: Literal[1]
    # The regulation whose provisions the readings, the parties (data/parties.yaml) and the onward
    # pointers name: they are answered for it alone, never for another city's regulation.
    written_for: NonEmpty
    laws: list[Law] = Field(min_length=1)
    procedure: Procedure
    checklist: list[ChecklistItem] = Field(min_length=1)
    reduce_reading: NonEmpty | None = None  # what 从轻 and 减轻 are read to allow: a reading
    reduce_grounds: list[ReduceGround] = field(default_factory=list)
    onward: list[Onward] = field(default_factory=list)

    def law(self, key: str) -> Law:
        return next(law for law in self.laws if law.key == key)


# --- data/parties.yaml -------------------------------------------------------------------------------


class PartyQuote(Record):
    source: NonEmpty  # regulation, or a law's key
    citation: NonEmpty
    words: NonEmpty


class PartyKind(Record):
    """A kind of party as 行政处罚法 names it (公民; 法人或者其他组织), and the words people type for it."""

    name: NonEmpty
    aliases: list[NonEmpty] = field(default_factory=list)
    citation: LawCitation
    words: NonEmpty


class PenaltyParties(Record):
    parties: list[PartyKey] = Field(min_length=1)
    reading: bool  # true: the provision does not name its party, and `basis` reads it
    basis: NonEmpty
    quotes: list[PartyQuote] = field(default_factory=list)


class PartiesData(Record):
    """data/parties.yaml, field by field."""

    schema_version: Literal[1]
    kinds: dict[PartyKey, PartyKind]
    penalties: dict[str, PenaltyParties]


class LawBook(Record):
    """Both files, as the engine asks them and the cache keeps them."""

    laws: LawData
    parties: PartiesData
