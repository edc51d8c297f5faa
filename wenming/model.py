"""The regulation as validated data: text, structure, penalty schedule and notes.

Every model forbids unknown fields and is immutable once loaded. Shape checks
(types, min <= max) live on the models; checks that span the document (numbering,
cross-references) are in `wenming.validation`, so that each problem can be reported
with the path of the field it concerns.

Legal facts live in data/regulation.yaml; nothing here knows a number of the law.
"""

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from wenming.citation import Citation, parse_citation
from wenming.numerals import to_chinese as _cn

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Key = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]
# A citation in the statute's Chinese form, e.g. 第二十二条第十项; resolved by validation.
CitationText = Annotated[str, StringConstraints(pattern=r"^第[一二三四五六七八九十百零]+条")]
Yuan = Annotated[int, Field(ge=0, strict=True)]
FineWords = Callable[[int, int], str]  # a fine's (min, max) in words, e.g. 罚款50元至200元


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --- text -------------------------------------------------------------------------


class Item(Record):
    """项: numbered (一)(二)… in print; the marker is not part of the text."""

    number: int = Field(ge=1)
    text: NonEmpty


class Paragraph(Record):
    """款: a paragraph of an article; `text` is its words before any items."""

    number: int = Field(ge=1)
    text: NonEmpty
    items: list[Item] = []


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
    title: NonEmpty
    articles: list[Article] = Field(min_length=1)


# --- where the data comes from --------------------------------------------------------


class GazetteSource(Record):
    """The printed source of the text."""

    title: NonEmpty
    issue: NonEmpty
    date: datetime.date
    file: NonEmpty  # the copy in this repository, relative to its root
    section_title: NonEmpty  # the heading under which the regulation is printed


class Adoption(Record):
    date: datetime.date
    body: NonEmpty
    meeting: NonEmpty
    as_printed: NonEmpty  # the adoption line under the title, as printed


class ExternalFact(Record):
    """A fact the gazette lacks, kept apart from its text, with the source it comes from."""

    key: Key
    fact: NonEmpty
    date: datetime.date
    source: NonEmpty
    concerns: list[CitationText] = []


class Metadata(Record):
    title: NonEmpty
    enacting_body: NonEmpty
    adoption: Adoption
    gazette: GazetteSource
    external_facts: list[ExternalFact] = []


class ScanConvention(Record):
    """A transformation applied everywhere, e.g. item markers dropped from item text."""

    key: Key
    description: NonEmpty


class Repair(Record):
    """One place where the text differs from the scan, as printed and as repaired."""

    citation: CitationText
    kind: Literal["page-break-join"]
    scan_lines: list[NonEmpty] = Field(min_length=2)  # the lines as printed, split by the page break
    gazette_line: int = Field(ge=1)
    note: NonEmpty


class LegislativeNote(Record):
    """The legislative committee's explanation of a choice, attached to the provisions it concerns."""

    key: Key
    title: NonEmpty
    summary: NonEmpty
    quote: NonEmpty  # words of the report, as printed
    source: NonEmpty
    concerns: list[CitationText] = Field(min_length=1)


# --- penalty schedule -----------------------------------------------------------------


class Agency(Record):
    """An enforcing body as the regulation names it."""

    key: Key
    name: NonEmpty  # as written in the provision
    short_name: NonEmpty
    aliases: list[NonEmpty] = []
    source: list[CitationText] = Field(min_length=1)
    # The agency it is a department of (公安机关交通管理部门 is part of 公安机关), by key.
    part_of: Key | None = None


class Circumstance(Record):
    """A circumstance a liability provision words, e.g. 拒不改正."""

    key: Key
    name: NonEmpty
    description: NonEmpty
    related: list[Key] = []  # circumstances other provisions word for much the same


class FineRange(Record):
    """罚款 in whole yuan; a fixed fine has min == max."""

    min: Yuan
    max: Yuan

    @model_validator(mode="after")
    def _ordered(self) -> "FineRange":
        if self.min > self.max:
            raise ValueError(f"罚款下限 {self.min} 大于上限 {self.max}")
        return self


class Step(Record):
    """One rung of a provision's ladder: the condition as written, what follows, the fine."""

    condition: NonEmpty  # the provision's words, e.g. 拒不改正的
    # Circumstance keys; the step is reached when any of them holds. Empty: the first
    # step, reached by the violation itself.
    when_any: list[Key] = []
    # The provision's words for what follows the condition, e.g. 处五十元罚款; validation
    # checks they follow the condition in the provision and state the fine's amounts.
    sanction: NonEmpty
    measures: list[NonEmpty] = Field(min_length=1)
    fine: FineRange | None = None
    # How wenming reads a step the provision does not tie to the steps before it (第三十六条第一款's
    # 情节严重的或者再次违反规定的 without a refusal); `fine` prints it when the step is reached
    # without the earlier steps' circumstances.
    reading: NonEmpty | None = None


def step_treatment(
    measures: Sequence[str], fine_measure: str, fine_min: int | None, fine_max: int | None, fine_words: FineWords
) -> str:
    """What a step imposes, in words: its measures, with the fine measure (the data's 罚款) written
    in its place with its amount by `fine_words(min, max)`: 罚款50元 in the look-up's brief, 罚款 50 元
    in a table. A step without a fine: its measures, 责令改正、警告."""
    if fine_min is None or fine_max is None:
        return "、".join(measures)
    others = [measure for measure in measures if measure != fine_measure]
    return "、".join([*others, fine_words(fine_min, fine_max)])


class BehaviourRef(Record):
    """The governed behaviour a penalty is for, down to the part of an item."""

    cites: CitationText
    # The words of the cited item or paragraph this penalty covers, when it holds
    # several behaviours; must be a literal part of the cited text.
    part: NonEmpty | None = None


class Penalty(Record):
    """A penalised violation: behaviour -> liability provision -> agencies and ladder."""

    key: Key
    name: NonEmpty
    aliases: list[NonEmpty] = []
    behaviour: BehaviourRef
    provision: CitationText
    agencies: list[Key] = Field(min_length=1)
    agency_text: NonEmpty  # the provision's words naming the agencies
    steps: list[Step] = Field(min_length=1)

    @cached_property
    def statutory_range(self) -> FineRange | None:
        fines = [step.fine for step in self.steps if step.fine is not None]
        if not fines:
            return None
        return FineRange(min=min(f.min for f in fines), max=max(f.max for f in fines))


class LiabilityProvision(Record):
    """A provision of Chapter 5 other than a fine ladder: referral, protection or discipline (Article 41's
    mitigation has a section of its own)."""

    citation: CitationText
    kind: Literal["referral", "protection", "discipline"]
    summary: NonEmpty
    agency: NonEmpty | None = None
    external_law: NonEmpty | None = None


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
    also: list[NonEmpty] = []


class Regulation(Record):
    schema_version: Literal[1]
    meta: Metadata
    conventions: list[ScanConvention] = []
    chapters: list[Chapter] = Field(min_length=1)
    repairs: list[Repair] = []
    notes: list[LegislativeNote] = []
    circumstances: list[Circumstance] = []
    agencies: list[Agency] = []
    penalties: list[Penalty] = []
    liability: list[LiabilityProvision] = []
    mitigation: Mitigation | None = None
    colloquial_terms: list[ColloquialTerm] = []
    wide_terms: list[WideTerm] = []
    duties: list[DutyProvision] = []
    # Words of a question (罚多少) that `fine` strips from the end of a query before matching names.
    question_phrases: list[NonEmpty] = []
    decision_wording: DecisionWording | None = None
    behaviour_articles: list[BehaviourArticle] = []
    # The words of an article's opening that name its kind (鼓励, 倡导, 重点治理); `fine` says them.
    behaviour_kind_words: dict[BehaviourKind, NonEmpty] = {}

    # --- look-ups (cached: the model is frozen) ---

    @cached_property
    def _articles(self) -> dict[int, tuple[Chapter, Article]]:
        return {article.number: (chapter, article) for chapter in self.chapters for article in chapter.articles}

    @property
    def article_count(self) -> int:
        return len(self._articles)

    def article(self, number: int) -> Article | None:
        found = self._articles.get(number)
        return found[1] if found else None

    def chapter_of(self, article_number: int) -> Chapter | None:
        found = self._articles.get(article_number)
        return found[0] if found else None

    def chapter(self, number: int) -> Chapter | None:
        return self.chapters[number - 1] if 0 < number <= len(self.chapters) else None

    def articles(self) -> list[Article]:
        return [article for _, article in self._articles.values()]

    def penalty(self, key: str) -> Penalty | None:
        return next((penalty for penalty in self.penalties if penalty.key == key), None)

    def agency(self, key: str) -> Agency | None:
        return next((agency for agency in self.agencies if agency.key == key), None)

    @cached_property
    def _behaviour_articles(self) -> dict[int, BehaviourArticle]:
        return {self.cite(entry.article).citation.article: entry for entry in self.behaviour_articles}

    def behaviour_kind(self, citation: Citation) -> BehaviourKind | None:
        """The kind of behaviour the provision at `citation` states, from `behaviour_articles`: an
        article listing behaviours, or any part of it, has the article's kind. None for any other."""
        entry = self._behaviour_articles.get(citation.article)
        return entry.kind if entry is not None else None

    def referrals(self) -> list["Provision"]:
        """The provisions that refer a behaviour to other laws (Article 35), for their own words."""
        return [self.cite(entry.citation) for entry in self.liability if entry.kind == "referral"]

    @property
    def fine_measure(self) -> str | None:
        """The word for a fine among a step's measures (罚款), from decision_wording; validation
        requires it where a step has a fine."""
        return self.decision_wording.fine_measure if self.decision_wording is not None else None

    def agency_names(self, keys: Iterable[str], *, short: bool = False) -> list[str]:
        """The names of the agencies `keys` name, in that order (short: their short names)."""
        found = [agency for key in keys if (agency := self.agency(key)) is not None]
        return [agency.short_name if short else agency.name for agency in found]

    def canonical(self, citation: Citation) -> Citation:
        """The citation with its paragraph filled in, a sole paragraph standing for its article.

        第三十八条 and 第三十八条第一款 are the same provision where the article has one paragraph;
        comparisons between citations go through this form.
        """
        provision = self.resolve(citation)
        exact = provision.citation
        if exact.paragraph is None and len(provision.article.paragraphs) == 1:
            return Citation(exact.article, 1, exact.item)
        return exact

    @cached_property
    def _penalty_places(self) -> list[tuple[Penalty, Citation, Citation]]:
        """Each penalty with the canonical citations of its behaviour and its liability provision."""
        return [
            (
                penalty,
                self.canonical(parse_citation(penalty.behaviour.cites)),
                self.canonical(parse_citation(penalty.provision)),
            )
            for penalty in self.penalties
        ]

    def penalised_behaviours(self) -> list[Citation]:
        """The provisions whose behaviour some penalty cites, once each, in the order of the penalties."""
        return list(dict.fromkeys(behaviour for _, behaviour, _ in self._penalty_places))

    def penalties_citing(self, citation: Citation, *, overlapping: bool = False) -> list[Penalty]:
        """The penalties for the behaviour at `citation` (or, overlapping, in it or containing it)."""
        return self._penalties_at(citation, overlapping, behaviour=True)

    def penalties_under(self, citation: Citation, *, overlapping: bool = False) -> list[Penalty]:
        """The penalties the liability provision at `citation` imposes (or, overlapping, in it or containing it)."""
        return self._penalties_at(citation, overlapping, behaviour=False)

    def _penalties_at(self, citation: Citation, overlapping: bool, *, behaviour: bool) -> list[Penalty]:
        place = self.canonical(citation)
        found: list[Penalty] = []
        for penalty, cited, provision in self._penalty_places:
            other = cited if behaviour else provision
            if place.overlaps(other) if overlapping else place == other:
                found.append(penalty)
        return found

    def unpenalised_part(self, citation: Citation) -> str | None:
        """The words of the behaviour at `citation` no penalty covers, where the penalties citing it
        each cover only a part of it (`behaviour.part`).

        第二十二条第十项 less the parts Article 37 penalises: 饲养犬只未按规定接种狂犬病疫苗. None when
        no penalty cites it, one covers all of it, or the parts leave no words.
        """
        penalties = self.penalties_citing(citation)
        parts = [penalty.behaviour.part for penalty in penalties]
        if not penalties or None in parts:
            return None
        text = self.resolve(citation).text
        for part in parts:
            text = text.replace(part or "", "")
        rest = "，".join(fragment for fragment in re.split("[，；。：]", text) if fragment.strip())
        return rest or None

    def resolve(self, citation: Citation) -> "Provision":
        """The provision a citation points at; raise UnknownProvision (Chinese message) if none."""
        article = self.article(citation.article)
        if article is None:
            raise UnknownProvision(f"没有{citation.chinese()}：本条例共{_cn(self.article_count)}条")
        article_name = Citation(article.number).chinese()
        paragraph: Paragraph | None = None
        if citation.paragraph is not None:
            paragraph = article.paragraph(citation.paragraph)
            if paragraph is None:
                raise UnknownProvision(f"没有{citation.chinese()}：{article_name}共{_cn(len(article.paragraphs))}款")
        item: Item | None = None
        if citation.item is not None:
            if paragraph is None:
                itemised = article.itemised_paragraphs
                if not itemised:
                    message = f"没有{citation.chinese()}：{article_name}不分项"
                    if len(article.paragraphs) > 1 and citation.item <= len(article.paragraphs):  # 32.4 for 32-4
                        paragraph_meant = Citation(article.number, citation.item)
                        message += f"；{paragraph_meant.chinese()}写作 {paragraph_meant.compact()}"
                    raise UnknownProvision(message)
                if len(itemised) > 1:
                    raise UnknownProvision(
                        f"{article_name}有多款分项，请写明第几款，例如{article.number}-1.{citation.item}"
                    )
                paragraph = itemised[0]
            if not paragraph.items:
                named = Citation(article.number, paragraph.number).chinese()
                raise UnknownProvision(f"没有{citation.chinese()}：{named}不分项")
            if not 0 < citation.item <= len(paragraph.items):
                where = self.paragraph_citation(article.number, paragraph.number).chinese()
                raise UnknownProvision(f"没有{citation.chinese()}：{where}共{_cn(len(paragraph.items))}项")
            item = paragraph.items[citation.item - 1]
        exact = Citation(article.number, paragraph.number if paragraph else None, item.number if item else None)
        return Provision(citation=exact, article=article, paragraph=paragraph, item=item, regulation=self)

    def units(self) -> Iterator["Provision"]:
        """Every item, and every paragraph without items, in the order of the regulation: the
        smallest units a provision is written in. Each unit's `paragraph` is set; a sole paragraph
        is cited as its article (第三十八条), as the statute does."""
        for article in self.articles():
            for paragraph in article.paragraphs:
                if not paragraph.items:
                    cited = self.paragraph_citation(article.number, paragraph.number)
                    yield Provision(citation=cited, article=article, paragraph=paragraph, item=None, regulation=self)
                for item in paragraph.items:
                    cited = Citation(article.number, paragraph.number, item.number)
                    yield Provision(citation=cited, article=article, paragraph=paragraph, item=item, regulation=self)

    def paragraph_citation(self, article: int, paragraph: int) -> Citation:
        """A paragraph as the statute cites it: a sole paragraph as its article (第三十八条)."""
        found = self.article(article)
        if found is not None and len(found.paragraphs) == 1:
            return Citation(article)
        return Citation(article, paragraph)

    def citation_text(self, citation: Citation) -> str:
        """The statute's form of a citation: 款 shown only where the article has more than one."""
        article = self.article(citation.article)
        return citation.chinese(show_paragraph=article is None or len(article.paragraphs) > 1)

    def citation_compact(self, citation: Citation) -> str:
        """The Arabic form (29-1.3, 22.9), with the paragraph only where the article has more than one."""
        article = self.article(citation.article)
        if article is not None and len(article.paragraphs) == 1 and citation.item is not None:
            citation = Citation(citation.article, None, citation.item)
        return citation.compact()

    def cite(self, text: str) -> "Provision":
        """Parse and resolve a citation in any accepted form."""
        return self.resolve(parse_citation(text))


class UnknownProvision(LookupError):
    """A well-formed citation of a provision the regulation does not have."""


class Provision:
    """A resolved article, paragraph or item, with its canonical citation."""

    __slots__ = ("article", "citation", "item", "paragraph", "regulation")

    def __init__(
        self,
        citation: Citation,
        article: Article,
        paragraph: Paragraph | None,
        item: Item | None,
        regulation: Regulation,
    ) -> None:
        self.citation = citation
        self.article = article
        self.paragraph = paragraph
        self.item = item
        self.regulation = regulation

    @property
    def text(self) -> str:
        if self.item is not None:
            return self.item.text
        if self.paragraph is not None:
            return self.paragraph.text
        return "\n".join(paragraph.text for paragraph in self.article.paragraphs)

    @property
    def chinese(self) -> str:
        """The statute's citation form: 款 only where the article has more than one."""
        return self.regulation.citation_text(self.citation)

    def __repr__(self) -> str:
        return f"Provision({self.chinese})"
