"""The regulation as validated data: text, structure, penalty schedule and notes.

Every record (wenming.datarecord: validated by pydantic, light to define) forbids unknown fields
and is immutable once loaded. Shape checks (types, min <= max) live on the records (`check`);
checks that span the document (numbering, cross-references) are in `wenming.validation`, so that
each problem can be reported with the path of the field it concerns. The look-ups over a loaded regulation (indexes,
citation resolution) are `wenming.regulation`'s.

Legal facts live in data/regulation.yaml; nothing here knows a number of the law.
"""

import datetime
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, StringConstraints

from wenming.datarecord import DataRecord, field

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A citation in the statute's Chinese form, e.g. 第二十二条第十项; resolved by validation.
CitationText = Annotated[str, StringConstraints(pattern=r"^第[一二三四五六七八九十百零]+条")]
Yuan = Annotated[int, Field(ge=0, strict=True)]
FineWords = Callable[[int | None, int], str]  # a fine's (min, max) in words, e.g. 罚款50元至200元; min None: 以下


class Record(DataRecord):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- text -------------------------------------------------------------------------


class Item(Record):
    """项: numbered (一)(二)… in print; the marker is not part of the text."""

    number: int = Field(ge=1)
    text: NonEmpty


class Paragraph(Record):
    """款: a paragraph of an article; `text` is its words before any items."""

    number: int = Field(ge=1)
    text: NonEmpty
    items: list[Item] = field(default_factory=list)


class Article(Record):
    number: int = Field(ge=1)
    paragraphs: list[Paragraph] = Field(min_length=1)

    def paragraph(self, number: int) -> Paragraph | None:
        return self.paragraphs[number - 1] if 0 < number <= len(self.paragraphs) else None

    @property
    def itemised_paragraphs(self) -> list[Paragraph]:
        return [paragraph for paragraph in self.paragraphs if paragraph.items]


class Chapter(Record):
    number: int = Field(ge=1)
    title: NonEmpty | None = None  # None where the source lacks the chapter's heading altogether
    articles: list[Article] = Field(min_length=1)


# --- where the data comes from --------------------------------------------------------


class ExternalFact(Record):
    """A fact the gazette lacks, kept apart from its text, with the source it comes from."""

    key: Key
    fact: NonEmpty
    date: datetime.date
    source: NonEmpty
    concerns: list[CitationText] = field(default_factory=list)


class HistoryEvent(Record):
    """One event of the adoption history under the title (通过, 批准, 修正 …), as the source prints it."""

    as_printed: NonEmpty  # this event's words, without the brackets around the line
    date: datetime.date | None = None  # None where the printed date is not a date
    event: Literal["通过", "批准", "修正", "修订", "公布", "施行"] | None = None
    body: NonEmpty | None = None  # the organ, without session and meeting numbers
    by: NonEmpty | None = None  # what stands between the date and the verb, as printed


class SourceFile(Record):
    """Where the text was read from: the copy in this repository, and the repository it was copied from."""

    format: Literal["lawrefbook", "gazette"]
    file: NonEmpty  # relative to this repository's root
    repository: NonEmpty | None = None  # e.g. LawRefBook/Laws; None for a printed gazette
    commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")] | None = None
    # A printed gazette: its name, issue and date, and the heading the regulation is printed under.
    publication: NonEmpty | None = None
    issue: NonEmpty | None = None
    date: datetime.date | None = None
    section_title: NonEmpty | None = None


class Metadata(Record):
    title: NonEmpty
    history: list[HistoryEvent] = field(default_factory=list)
    source: SourceFile | None = None
    city: NonEmpty | None = None  # None where the title names none (a province's regulation)
    province: NonEmpty | None = None
    external_facts: list[ExternalFact] = field(default_factory=list)


class ScanConvention(Record):
    """A transformation applied everywhere, e.g. item markers dropped from item text."""

    key: Key
    description: NonEmpty


RepairKind = Literal[
    "page-break-join",  # a gazette scan's page break in mid-sentence, joined
    "line-break-join",  # a transcription's line break in mid-sentence, joined
    "split-merged-articles",
    "split-merged-items",
    "item-marker-restored",
    "chapter-marker-restored",
]
JOIN_REPAIRS: tuple[RepairKind, ...] = ("page-break-join", "line-break-join")


class Repair(Record):
    """One place where the text differs from the source: its lines as printed and as read.

    Lines are in the reader's canonical form (wenming.reader.structure.canonical_line): with their
    markers (第X条, （一）), without markup; a fidelity test replaces `printed` by `read` in the source."""

    citation: CitationText | None = None  # None for a chapter heading
    kind: RepairKind
    line: int = Field(ge=1)  # the source line of the first printed line
    printed: list[NonEmpty] = Field(min_length=1)
    read: list[NonEmpty] = Field(min_length=1)
    note: NonEmpty | None = None


class Damage(Record):
    """Damage the reader found in the source (wenming.reader.structure.ProblemKind), with its line."""

    line: int = Field(ge=0)
    kind: Key
    message: NonEmpty


class LegislativeNote(Record):
    """The legislative committee's explanation of a choice, attached to the provisions it concerns."""

    key: Key
    title: NonEmpty
    summary: NonEmpty
    quote: NonEmpty  # words of the report, as printed
    source: NonEmpty
    concerns: list[CitationText] = Field(min_length=1)
    # Where the report explains a clause of the draft that was deleted, that clause: no surviving
    # provision is then the note's subject, and `concerns` names where it is shown as related.
    deleted_clause: NonEmpty | None = None


# --- penalty schedule -----------------------------------------------------------------


ReviewMark = Literal["reviewed", "draft", "text-only"]
# reviewed: read against the text by a person; draft: drafted by rule (wenming.extract), not yet read,
# and labelled 未经人工核对 in every answer; text-only: cannot be structured honestly, answered by quoting.


class Agency(Record):
    """An enforcing body as the regulation names it, and the shared kind it is (vocabulary's agency_kinds)."""

    key: Key
    name: NonEmpty  # as written in the provision
    short_name: NonEmpty
    aliases: list[NonEmpty] = field(default_factory=list)
    source: list[CitationText] = Field(min_length=1)
    # The agency it is a department of (公安机关交通管理部门 is part of 公安机关), by key.
    part_of: Key | None = None
    # The kind shared by every regulation (urban-management for 城市管理行政主管部门, 城管执法部门 …),
    # so that cities can be compared; the regulation's own words stay in `name`.
    kind: Key | None = None


class Circumstance(Record):
    """A circumstance a liability provision words, e.g. 拒不改正; each regulation names its own."""

    key: Key
    name: NonEmpty
    description: NonEmpty
    related: list[Key] = field(default_factory=list)  # circumstances other provisions word for much the same


class FineRange:
    """A step's fine in whole yuan, derived from its fine measure (not a field of the data file): a fixed
    fine has min == max; an upper limit only (二百元以下) has min None. A plain class: the data's
    measures are validated, and this is built from them on each ask."""

    __slots__ = ("max", "min")

    def __init__(self, min: int | None, max: int) -> None:
        self.min = min
        self.max = max

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FineRange) and (self.min, self.max) == (other.min, other.max)

    def __hash__(self) -> int:
        return hash((self.min, self.max))

    def __repr__(self) -> str:
        return f"FineRange(min={self.min}, max={self.max})"

    @property
    def floor(self) -> int:
        """The least amount within the range: its minimum, or nothing stated (0) for an upper limit only."""
        return 0 if self.min is None else self.min


MeasureKind = Literal[
    "order",  # 责令改正, 限期改正, 责令限期清除 …
    "warning",  # 警告
    "fine",  # 罚款: range, fixed or upper limit only
    "fine-per-unit",  # 每只犬五千元
    "fine-multiple",  # 赔偿费一倍以上三倍以下
    "confiscation",  # 没收 …
    "revocation",  # 吊销 …
    "credit-record",  # 纳入信用记录
    "interview",  # 约谈
    "disciplinary",  # 处分 of officials
    "criminal",  # 依法追究刑事责任
    "per-law",  # the sanction another law sets (依法处罚)
    "notify",  # 通报
    "aggravate",  # 从重处罚
    "exposure",  # 曝光
]
FINE_KINDS: tuple[MeasureKind, ...] = ("fine", "fine-per-unit", "fine-multiple")


class Measure(Record):
    """One thing a step imposes: its kind, the word an answer shows, and its amounts where it has any."""

    kind: MeasureKind
    name: NonEmpty  # the word an answer shows: 责令改正, 警告, 罚款, 没收犬只
    # The provision's words for it, verbatim (validation finds them in the step's sanction or the
    # liability article's lead-in); amounts are checked against them.
    text: NonEmpty | None = None
    min: Yuan | None = None  # fine, fine-per-unit (yuan); fine-multiple (times)
    max: Yuan | None = None
    optional: bool = False  # 可以处…: the authority may impose it, need not
    per: NonEmpty | None = None  # fine-per-unit: the unit after 每, as written (每只犬: 只犬)
    of: NonEmpty | None = None  # fine-multiple: the sum it is a multiple of, as written (赔偿费)
    what: NonEmpty | None = None  # confiscation, revocation: what, as written

    def check(self) -> None:
        amounted = self.kind in FINE_KINDS
        if amounted and self.max is None:
            raise ValueError(f"{self.kind} 须写 max")
        if not amounted and (self.min is not None or self.max is not None):
            raise ValueError(f"{self.kind} 不能有数额")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"下限 {self.min} 大于上限 {self.max}")
        if (self.kind == "fine-per-unit") != (self.per is not None):
            raise ValueError("per 只用于 fine-per-unit，且 fine-per-unit 须写 per")
        if (self.kind == "fine-multiple") != (self.of is not None):
            raise ValueError("of 只用于 fine-multiple，且 fine-multiple 须写 of")


class Step(Record):
    """One rung of a provision's ladder: the condition as written, what follows, its measures."""

    condition: NonEmpty  # the provision's words, e.g. 拒不改正的
    # Circumstance keys; the step is reached when any of them holds. Empty: the first
    # step, reached by the violation itself.
    when_any: list[Key] = field(default_factory=list)
    # The provision's words for what follows the condition, e.g. 处五十元罚款; validation
    # checks they follow the condition in the provision and state the fine's amounts.
    sanction: NonEmpty
    measures: list[Measure] = Field(min_length=1)
    # Between the sanctions proper (警告或者罚款: or); an order to correct always stands beside them.
    connector: Literal["and", "or"] = "and"
    # How wenming reads a step the provision does not tie to the steps before it (第三十六条第一款's
    # 情节严重的或者再次违反规定的 without a refusal); `fine` prints it when the step is reached
    # without the earlier steps' circumstances.
    reading: NonEmpty | None = None

    @property
    def measure_names(self) -> list[str]:
        return [measure.name for measure in self.measures]

    @property
    def fine_measure(self) -> Measure | None:
        """The step's fine in yuan (a range, fixed or upper-only amount, or per unit); a multiple of a
        sum has no amount in yuan and is not one."""
        return next((m for m in self.measures if m.kind in ("fine", "fine-per-unit")), None)

    @property
    def fine(self) -> FineRange | None:
        measure = self.fine_measure
        if measure is None or measure.max is None:
            return None
        return FineRange(min=measure.min, max=measure.max)


def step_treatment(
    measures: Sequence[str], fine_measure: str, fine_min: int | None, fine_max: int | None, fine_words: FineWords
) -> str:
    """What a step imposes, in words: its measures, with the fine measure (the data's 罚款) written
    in its place with its amount by `fine_words(min, max)`: 罚款50元 in the look-up's brief, 罚款 50 元
    in a table. A step without a fine: its measures, 责令改正、警告."""
    if fine_max is None:
        return "、".join(measures)
    others = [measure for measure in measures if measure != fine_measure]
    return "、".join([*others, fine_words(fine_min, fine_max)])


BehaviourLinkKind = Literal["citation", "relative", "description", "carried"]


class BehaviourRef(Record):
    """The governed behaviour a penalty is for, down to the part of an item, and how the liability
    provision names it: by citing it (违反本条例第二十二条第九项规定), relatively (违反前款第（八）项),
    by describing it again without a citation, or by a citation carried from an earlier sentence."""

    link: BehaviourLinkKind = "citation"
    # The provision it resolves to; none for a behaviour only described (link: description).
    cites: CitationText | None = None
    # Further provisions the liability provision cites for the same penalty (违反第九条第一款第一项、第三项…).
    also: list[CitationText] = field(default_factory=list)
    # The liability provision's own words for the behaviour, where it describes it (link: description,
    # relative): a literal part of the provision.
    words: NonEmpty | None = None
    # The words of the cited item or paragraph this penalty covers, when it holds
    # several behaviours; must be a literal part of the cited text.
    part: NonEmpty | None = None
    # The words of the cited provision that state the conduct penalised, where the provision says
    # more than that conduct (a permission, say, which nothing penalises); the answer's behaviour
    # line quotes these. Must be a literal part of the cited text.
    conduct: NonEmpty | None = None

    def check(self) -> None:
        if self.link == "description" and self.words is None:
            raise ValueError("link: description 须写 words（罚则对行为的描述）")
        if self.link != "description" and self.cites is None:
            raise ValueError(f"link: {self.link} 须写 cites")


class Variant(Record):
    """A ladder for one party (person / organisation, data/parties.yaml's kinds) or role (驾驶人, 乘车人),
    where the provision sets it its own amounts: 对单位…对个人…."""

    # 公民 or 法人或者其他组织: the two kinds of party 行政处罚法 knows (data/parties.yaml's kinds).
    party: Literal["person", "organisation"] | None = None
    # The provision's words for whom the ladder is for: 个人, 单位, 驾驶人, 乘车人 (`fine --party` takes them).
    role: NonEmpty | None = None
    steps: list[Step] = Field(min_length=1)

    def check(self) -> None:
        if self.party is None and self.role is None:
            raise ValueError("须写 party 或 role")


class Penalty(Record):
    """A penalised violation: behaviour -> liability provision -> agencies and ladder(s)."""

    key: Key
    name: NonEmpty
    aliases: list[NonEmpty] = field(default_factory=list)
    behaviour: BehaviourRef
    provision: CitationText
    agencies: list[Key] = field(default_factory=list)  # none where the provision names none
    # The words naming the agencies: in the provision, or in the lead-in of the article whose item it is.
    agency_text: NonEmpty | None = None
    # The ladder for anyone; empty where every party or role has its own (variants).
    steps: list[Step] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    # The shared behaviour key (vocabulary's behaviours) it is an instance of, for comparing cities.
    taxonomy: Key | None = None
    review: ReviewMark = "reviewed"
    review_notes: list[NonEmpty] = field(default_factory=list)  # what the extractor or the reviewer was unsure of

    def check(self) -> None:
        if not self.steps and not self.variants:
            raise ValueError("须写 steps 或 variants")
        if self.agencies and self.agency_text is None:
            raise ValueError("写了 agencies 须写 agency_text")

    @property
    def behaviour_cites(self) -> str:
        """The provision that states the behaviour: the one cited, or — for a behaviour the liability
        provision only describes — that provision itself."""
        return self.behaviour.cites or self.provision

    def ladders(self) -> list[tuple["Variant | None", list[Step]]]:
        """Each ladder: the one for anyone (variant None), then each party's or role's."""
        default: list[tuple[Variant | None, list[Step]]] = [(None, self.steps)] if self.steps else []
        return default + [(variant, variant.steps) for variant in self.variants]

    @cached_property
    def statutory_range(self) -> FineRange | None:
        fines = [step.fine for _, steps in self.ladders() for step in steps if step.fine is not None]
        if not fines:
            return None
        floors = [f.min for f in fines]
        stated = [floor for floor in floors if floor is not None]
        least = min(stated) if len(stated) == len(floors) else None
        return FineRange(min=least, max=max(f.max for f in fines))


class LiabilityProvision(Record):
    """A liability provision other than a fine ladder: referral, protection, discipline, or one that
    cannot be structured honestly and is answered by quoting it (text-only)."""

    citation: CitationText
    kind: Literal["referral", "protection", "discipline", "text-only"]
    summary: NonEmpty
    agency: NonEmpty | None = None
    external_law: NonEmpty | None = None
    # Each law it names, verbatim (a referral may name none: 依法处罚).
    laws: list[NonEmpty] = field(default_factory=list)
    # The behaviour it concerns, where it concerns one (a referral for one behaviour).
    behaviour: BehaviourRef | None = None
    taxonomy: Key | None = None
    review: ReviewMark = "reviewed"
    review_notes: list[NonEmpty] = field(default_factory=list)


class Mitigation(Record):
    """Article 41: social service may lighten, reduce or waive a fine."""

    citation: CitationText
    applies_to: Literal["fine"]
    applies_when: NonEmpty  # the provision's words, e.g. 因违反本条例规定，应当受到行政罚款处罚的
    decided_by: NonEmpty  # who recognises the service and decides, e.g. 相关行政主管部门
    effect: NonEmpty
    fine_floor: Yuan  # the least the fine can become (不予行政罚款处罚: 0)
    conditions: list[NonEmpty] = Field(min_length=1)
    discretionary: bool
    implementing_rules: NonEmpty
    # What the mitigation depends on that the regulation leaves to other rules (第四十一条第二款).
    depends_on_rules: NonEmpty | None = None


class DecisionWording(Record):
    """The pieces of the sentence written in a decision, with {placeholders} the engine fills."""

    violated: NonEmpty  # {title} {behaviour}
    basis: NonEmpty  # {provisions}
    range_fine: NonEmpty  # {min} {max}, Chinese numerals
    mitigated: NonEmpty  # {options} {range}
    mitigation_options: list[NonEmpty] = Field(min_length=1)
    fixed_range: NonEmpty  # {amount}
    span_range: NonEmpty  # {min} {max}
    order_measure: NonEmpty  # 责令改正: not a 行政处罚 on its own; accompanies a fine
    fine_measure: NonEmpty  # 罚款
    penalty_label: NonEmpty
    order_label: NonEmpty
    # A fined step keeps the order to correct: 责令改正，并处…罚款 ({sanction}).
    ordered_fine: NonEmpty
    ordered_mitigated: NonEmpty  # {sanction}: the mitigated sentence
    # A fixed amount cannot be lightened within a range (从轻): the options and sentence for it.
    fixed_mitigation_options: list[NonEmpty] = Field(min_length=1)
    mitigated_fixed: NonEmpty  # {options} {range}
    mitigation_refusal_option: NonEmpty  # 不予: where it is offered, the label names its document
    mitigated_label: NonEmpty
    # An amount chosen (`fine --amount`): the fine as the decision states it, {amount} in Chinese numerals.
    amount_fine: NonEmpty | None = None
    # A provision of another law among the decision's bases (a ground of 行政处罚法): {title} {citation}.
    other_law_basis: NonEmpty | None = None


class ColloquialTerm(Record):
    """Words people say, and the statute's words they mean: 狗 -> 犬只."""

    says: list[NonEmpty] = Field(min_length=1)
    statute: list[NonEmpty] = Field(min_length=1)
    # For search only: the words are near a penalised behaviour's but do not name it (办狗证 is
    # not 佩戴犬牌), so `fine` does not read them as the statute's words.
    search_only: bool = False


class WideTerm(Record):
    """A word wider than one penalised behaviour (宠物 holds dogs and other pets), or naming people
    under two provisions (共享单车: its rider, 23(7), or its operator, Article 38): `fine` lists
    what it may mean rather than answer for one part."""

    says: list[NonEmpty] = Field(min_length=1)
    means: list[NonEmpty] = Field(min_length=1)  # penalty keys or citations
    rest: NonEmpty | None = None  # what the regulation says of the remainder


class DutyProvision(Record):
    """A provision that puts a duty on someone (应当…) with no penalty of its own."""

    citation: CitationText
    bearer: NonEmpty  # whose duty, in the provision's words


# --- concepts: how people's words reach a behaviour ---------------------------------------------
# The vocabulary (data/vocabulary.yaml, schema in wenming.concepts) is shared by every regulation:
# people's words -> concepts. A regulation describes its behaviours by concepts
# (behaviour_concepts); validation checks that each concept it names is in the vocabulary.


class Condition(Record):
    """A condition of a behaviour, in the statute's words, and the concept that meets it (if any)."""

    words: NonEmpty  # e.g. 在禁止吸烟场所（区域）吸烟（含电子烟）; a literal part of the provisions
    concept: NonEmpty | None = None


class BehaviourConcepts(Record):
    """A behaviour (a penalty by key, or a provision by citation) described by its concepts.

    core: concepts that identify it (a phrase must name one); context: concepts it bears without
    being identified by them; omits: core concepts whose leaving undone is the violation (a phrase
    saying they were done meets no condition); conditions: what must hold, to be established where
    the phrase does not say it; see_also: penalty keys or citations an answer also points to.
    A provision's text gives it further concepts (the vocabulary's statute words) by itself."""

    penalty: Key | None = None
    cites: CitationText | None = None
    core: list[NonEmpty] = field(default_factory=list)
    context: list[NonEmpty] = field(default_factory=list)
    omits: list[NonEmpty] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    see_also: list[NonEmpty] = field(default_factory=list)

    def check(self) -> None:
        if (self.penalty is None) == (self.cites is None):
            raise ValueError("须且只须写 penalty 或 cites 之一")


class TaxonomyLink(Record):
    """A provision (or the part of one) that governs a behaviour, and its shared key (vocabulary's behaviours)."""

    cites: CitationText
    part: NonEmpty | None = None  # the words of the provision it concerns, where it holds several
    taxonomy: Key
    review: ReviewMark = "reviewed"


BehaviourKind = Literal["governed", "encouraged", "advocated", "list-system"]
# Chapter 2's kinds: the regulation encourages or advocates these behaviours and penalises none.
ENCOURAGING_KINDS: tuple[BehaviourKind, ...] = ("encouraged", "advocated")


class BehaviourArticle(Record):
    """An article that lists behaviours (Chapters 2 and 3): their kind, and the domain its opening
    words name (在公共环境卫生方面，重点治理… -> governed, 公共环境卫生). The list system of
    Article 27 is an article of Chapter 3 with no list: kind list-system."""

    article: CitationText
    kind: BehaviourKind
    domain: NonEmpty
    # Other words people use for the domain (交通 for 文明出行行为), for `behaviours --domain`.
    also: list[NonEmpty] = field(default_factory=list)


class RegulationData(Record):
    """The data file's schema: what data/regulation.yaml holds, field by field.

    The regulation as the program asks it things (articles by number, citations resolved, the
    penalties under a provision) is wenming.regulation.Regulation, built on this."""

    schema_version: Literal[1]
    meta: Metadata
    conventions: list[ScanConvention] = field(default_factory=list)
    # Exactly one of the two: the chapters, or (a regulation without chapters) the articles.
    chapters: list[Chapter] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    # False where the source is cut short (no 附则, no 施行 article, a chapter missing): every
    # answer from it says so. `damage` lists what the reader found, each with its source line.
    complete: bool = True
    damage: list[Damage] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    notes: list[LegislativeNote] = field(default_factory=list)
    circumstances: list[Circumstance] = field(default_factory=list)
    agencies: list[Agency] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
    liability: list[LiabilityProvision] = field(default_factory=list)
    mitigation: Mitigation | None = None
    colloquial_terms: list[ColloquialTerm] = field(default_factory=list)
    wide_terms: list[WideTerm] = field(default_factory=list)
    duties: list[DutyProvision] = field(default_factory=list)
    # Words of a question (罚多少) that `fine` strips from the end of a query before matching names.
    question_phrases: list[NonEmpty] = field(default_factory=list)
    decision_wording: DecisionWording | None = None
    behaviour_articles: list[BehaviourArticle] = field(default_factory=list)
    # The words of an article's opening that name its kind (鼓励, 倡导, 重点治理); `fine` says them.
    behaviour_kind_words: dict[BehaviourKind, NonEmpty] = field(default_factory=dict)
    # The behaviours by their concepts, for `fine`'s reading of a phrase (wenming.matcher).
    behaviour_concepts: list[BehaviourConcepts] = field(default_factory=list)
    # Governed behaviours (penalised or not) and the shared behaviour key each is an instance of.
    behaviour_taxonomy: list[TaxonomyLink] = field(default_factory=list)

    def check(self) -> None:
        if bool(self.chapters) == bool(self.articles):
            raise ValueError("须且只须写 chapters（分章的条例）或 articles（不分章的条例）之一")
