"""The national law wenming's answers lean on, as validated data: data/laws.yaml and data/parties.yaml.

data/laws.yaml quotes 《行政处罚法》 and other laws word for word and states the procedure rules as
data; data/parties.yaml says whom each of the regulation's penalties addresses. Both are read
together (`LawBook`), cached together (wenming.cache, keyed on both texts), and validated like the
regulation: the models forbid unknown fields and are immutable; `lawbook_problems` checks what
spans the files (every citation quoted, every `words` a piece of its provision, every amount the
number its words spell) and reports each with its path, which the loader turns into file:line.

Nothing here knows a number or a word of the law: this module holds the shape and the look-ups.
"""

# No `from __future__ import annotations`: pydantic builds these classes on every `fine`, and
# evaluating annotations written as strings would double the cost.

import datetime
from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal, NamedTuple, Protocol

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from wenming.numerals import to_chinese

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A citation of a national law in its own form, e.g. 第六十三条第一款第一项.
LawCitation = Annotated[str, StringConstraints(pattern=r"^第[一二三四五六七八九十百零]+条")]
Yuan = Annotated[int, Field(ge=0, strict=True)]
PartyKey = Literal["person", "organisation"]
# `reading: false` — what the cited words say; any text — an interpretation, with its basis.
Reading = Literal[False] | NonEmpty


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)


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
    it spells where it spells one (checked: 二百 in the words for 200). One class for all of them:
    every class costs start-up time on the cached path (pydantic builds it at import)."""

    citation: LawCitation
    words: NonEmpty
    amount: Yuan | None = None
    days: int | None = Field(default=None, ge=1)
    years: int | None = Field(default=None, ge=1)
    percent_per_day: int | None = Field(default=None, ge=1)


class Piece(Protocol):
    """Anything that quotes a piece of a provision: the engine quotes it as it is."""

    @property
    def citation(self) -> str: ...

    @property
    def words(self) -> str: ...


class Amount(Record):
    citation: LawCitation
    words: NonEmpty
    amount: Yuan  # required here: a limit the engine computes with


# The provisions a rule rests on. Every class below is flat (its fields written out, not inherited):
# a subclass's inherited fields double what pydantic spends making it, on every cached `fine`.
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
    excludes: list[Excludes] = []


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
    circumstances: list[Key] = []  # the regulation's circumstances it concerns (情节严重, 再次违反)


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
    when_any: list[Key] = []
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
    laws: list[Law] = Field(min_length=1)
    procedure: Procedure
    checklist: list[ChecklistItem] = Field(min_length=1)
    reduce_reading: NonEmpty | None = None  # what 从轻 and 减轻 are read to allow: a reading
    reduce_grounds: list[ReduceGround] = []
    onward: list[Onward] = []

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
    aliases: list[NonEmpty] = []
    citation: LawCitation
    words: NonEmpty


class PenaltyParties(Record):
    parties: list[PartyKey] = Field(min_length=1)
    reading: bool  # true: the provision does not name its party, and `basis` reads it
    basis: NonEmpty
    quotes: list[PartyQuote] = []


class PartiesData(Record):
    """data/parties.yaml, field by field."""

    schema_version: Literal[1]
    kinds: dict[PartyKey, PartyKind]
    penalties: dict[str, PenaltyParties]


class LawBook(Record):
    """Both files, as the engine asks them and the cache keeps them."""

    laws: LawData
    parties: PartiesData


# --- checks that span the files -------------------------------------------------------------------

FieldPath = tuple[str | int, ...]


class Problem(NamedTuple):
    """A problem and the path of the field it concerns, from the file's name on ("laws", "procedure", …)."""

    path: FieldPath
    message: str


def _walk(node: object, path: FieldPath) -> Iterator[tuple[FieldPath, BaseModel]]:
    """Every model in the tree under `node`, with its path."""
    if isinstance(node, BaseModel):
        yield path, node
        for name in type(node).model_fields:
            field = type(node).model_fields[name]
            yield from _walk(getattr(node, name), (*path, field.alias or name))
    elif isinstance(node, list):
        for index, element in enumerate(node):
            yield from _walk(element, (*path, index))
    elif isinstance(node, dict):
        for key, element in node.items():
            yield from _walk(element, (*path, str(key)))


def _quotes_problems(law: Law | None, node: object, path: FieldPath) -> Iterator[Problem]:
    """Each citation of `law` under `node` quoted; each `words` in its provision; each figure spelled."""
    if law is None:
        yield Problem(path, "没有这部法律（laws 中的 key）")
        return
    for where, model in _walk(node, path):
        if isinstance(model, RegulationWords):
            continue  # words of the regulation, checked against it by the tests
        for index, citation in enumerate(getattr(model, "cites", None) or []):
            if citation not in law.texts:
                yield Problem((*where, "cites", index), f"{law.title}{citation}没有在 laws 中引用原文")
        citation, words = getattr(model, "citation", None), getattr(model, "words", None)
        if isinstance(citation, str) and isinstance(words, str):
            text = law.texts.get(citation)
            if text is None:
                yield Problem((*where, "citation"), f"{law.title}{citation}没有在 laws 中引用原文")
            elif words not in text:
                yield Problem((*where, "words"), f"不是{citation}原文的一部分")
            for name in ("amount", "fine_max"):
                figure = getattr(model, name, None)
                if isinstance(figure, int) and figure and f"{to_chinese(figure)}元" not in words:
                    yield Problem((*where, name), f"{figure} 与原文的数额（{words}）不符")


def lawbook_problems(book: LawBook) -> list[Problem]:
    """Every reference problem across data/laws.yaml (paths start "laws") and data/parties.yaml ("parties")."""
    data = book.laws
    laws = {law.key: law for law in data.laws}
    problems: list[Problem] = []
    keys = [law.key for law in data.laws]
    for index, key in enumerate(keys):
        if keys.index(key) != index:
            problems.append(Problem(("laws", "laws", index, "key"), f"法律的 key「{key}」重复"))
    for index, law in enumerate(data.laws):
        citations = [provision.citation for provision in law.provisions]
        for p_index, citation in enumerate(citations):
            if citations.index(citation) != p_index:
                problems.append(Problem(("laws", "laws", index, "provisions", p_index), f"{citation}重复引用"))
    procedure_law = laws.get(data.procedure.law)
    problems += _quotes_problems(procedure_law, data.procedure, ("laws", "procedure"))
    problems += _quotes_problems(procedure_law, data.checklist, ("laws", "checklist"))
    for index, ground in enumerate(data.reduce_grounds):
        problems += _quotes_problems(laws.get(ground.law), ground, ("laws", "reduce_grounds", index))
    for index, onward in enumerate(data.onward):
        onward_law = laws.get(onward.law)
        problems += _quotes_problems(onward_law, onward, ("laws", "onward", index))
        if onward_law is not None and onward.provision not in onward_law.texts:
            problems.append(Problem(("laws", "onward", index, "provision"), f"{onward.provision}没有引用原文"))
    grounds = [ground.key for ground in data.reduce_grounds]
    for index, key in enumerate(grounds):
        if grounds.index(key) != index:
            problems.append(Problem(("laws", "reduce_grounds", index, "key"), f"依据的 key「{key}」重复"))
    for key, kind in book.parties.kinds.items():
        if procedure_law is not None and kind.words not in procedure_law.texts.get(kind.citation, ""):
            problems.append(Problem(("parties", "kinds", key, "words"), f"不是{kind.citation}原文的一部分"))
    for key, entry in book.parties.penalties.items():
        for index, quote in enumerate(entry.quotes):
            quoted = laws.get(quote.source)
            if quote.source != "regulation" and (
                quoted is None or quote.words not in quoted.texts.get(quote.citation, "")
            ):
                where = ("parties", "penalties", key, "quotes", index, "words")
                problems.append(Problem(where, f"不是{quote.source} {quote.citation}原文的一部分"))
    return problems
