"""Look-up: an article in context, the table of contents, and the governed behaviours.

Each function returns the pydantic result model that a command prints, as JSON or as a view.
Everything legal comes from the regulation data: the penalties that cite an item, the notes that
concern it, the facts the gazette lacks, and which articles list governed, encouraged or advocated
behaviours in which domain (`behaviour_articles`).
"""

from typing import Literal

from pydantic import BaseModel, RootModel

from wenming.citation import (
    CITATION_FORMS_HELP,
    Citation,
    CitationSyntaxError,
    chapter_citation,
    parse_chapter_reference,
    parse_citation,
)
from wenming.errors import BadInput, NotFound
from wenming.model import (
    ENCOURAGING_KINDS,
    Article,
    BehaviourArticle,
    BehaviourKind,
    Chapter,
    Penalty,
    Provision,
    Regulation,
    UnknownProvision,
    step_treatment,
)
from wenming.numerals import to_chinese

# --- shared pieces -------------------------------------------------------------------------


class FineStepView(BaseModel):
    """One rung of a penalty ladder: the provision's condition, what follows, the fine in yuan."""

    condition: str
    measures: list[str]
    fine_min: int | None
    fine_max: int | None


class PenaltyLink(BaseModel):
    """A liability provision that penalises a behaviour, with its fine in brief."""

    key: str
    name: str
    provision: str  # the liability provision, e.g. 第三十六条第一款
    behaviour: str  # the provision of the governed behaviour, e.g. 第二十二条第九项
    part: str | None  # the words of the behaviour's text this penalty covers, when only part
    agencies: list[str]
    steps: list[FineStepView]
    brief: str  # e.g. 责令改正；拒不改正的，罚款50元；情节严重的或者再次违反规定的，罚款100元至200元


class NoteView(BaseModel):
    """A legislative note, and which provisions of the article at hand it concerns."""

    key: str
    title: str
    summary: str
    source: str
    concerns: list[str]  # all the provisions it concerns, statute form
    here: list[str]  # those in this article (the article itself, or its paragraphs or items)


class FactView(BaseModel):
    """A fact the gazette does not print, with its source."""

    key: str
    fact: str
    date: str
    source: str


def _brief(regulation: Regulation, steps: list[FineStepView]) -> str:
    """The ladder in a line: 责令改正；拒不改正的，罚款50元；情节严重的或者再次违反规定的，罚款100元至200元."""
    fine_measure = regulation.fine_measure or ""  # validation requires it where a step has a fine

    def fine_words(low: int, high: int) -> str:
        return f"{fine_measure}{low}元" if low == high else f"{fine_measure}{low}元至{high}元"

    rungs = []
    for index, step in enumerate(steps):
        words = step_treatment(step.measures, fine_measure, step.fine_min, step.fine_max, fine_words)
        # The first rung's condition is the behaviour itself; later rungs say when they apply.
        rungs.append(words if index == 0 else f"{step.condition}，{words}")
    return "；".join(rungs)


def penalty_link(regulation: Regulation, penalty: Penalty) -> PenaltyLink:
    steps = [
        FineStepView(
            condition=step.condition,
            measures=list(step.measures),
            fine_min=step.fine.min if step.fine else None,
            fine_max=step.fine.max if step.fine else None,
        )
        for step in penalty.steps
    ]
    return PenaltyLink(
        key=penalty.key,
        name=penalty.name,
        provision=regulation.cite(penalty.provision).chinese,
        behaviour=regulation.cite(penalty.behaviour.cites).chinese,
        part=penalty.behaviour.part,
        agencies=regulation.agency_names(penalty.agencies, short=True),
        steps=steps,
        brief=_brief(regulation, steps),
    )


# --- wenming article -----------------------------------------------------------------------


class CitedBehaviour(BaseModel):
    """In a liability provision: the governed behaviour it cites, with the words it penalises."""

    citation: str
    text: str
    part: str | None


class ItemView(BaseModel):
    number: int
    citation: str
    text: str
    penalties: list[PenaltyLink] = []
    unpenalised_part: str | None = None  # the words no penalty covers, when penalties cover only parts
    notes: list[str] = []  # titles of the notes that concern this item in particular


class ParagraphView(BaseModel):
    number: int
    citation: str
    text: str
    items: list[ItemView]
    penalties: list[PenaltyLink] = []  # liability provisions that penalise this paragraph's duty
    unpenalised_part: str | None = None  # the words no penalty covers, when penalties cover only parts
    cites: list[CitedBehaviour] = []  # in a liability provision: the behaviours it penalises
    notes: list[str] = []  # titles of the notes that concern this paragraph in particular


class ArticleView(BaseModel):
    number: int
    citation: str
    chapter: int
    chapter_title: str
    # The part the reference named (a paragraph or item), or None for the whole article.
    focus: str | None
    focus_text: str | None = None
    paragraphs: list[ParagraphView]
    notes: list[NoteView] = []  # every note concerning the article or a part of it
    facts: list[FactView] = []  # facts the gazette lacks, e.g. Article 42's effective date


def find_provision(regulation: Regulation, reference: str) -> Provision:
    """Resolve a user's reference, turning parse and look-up failures into user errors."""
    try:
        citation = parse_citation(reference)
    except CitationSyntaxError as error:
        raise BadInput(f"{error}", suggestion=error.suggestion or f"可用的写法：{CITATION_FORMS_HELP}") from None
    try:
        return regulation.resolve(citation)
    except UnknownProvision as error:
        raise NotFound(str(error), suggestion=_suggestion(regulation, citation)) from None


def _suggestion(regulation: Regulation, citation: Citation) -> str | None:
    """Point at what does exist: the article itself when a part of it is wrong."""
    article = regulation.article(citation.article)
    if article is None:
        last = Citation(regulation.article_count).chinese()
        return f"用 wenming contents 查看目录（{Citation(1).chinese()}至{last}）"
    if citation.item is not None and len(article.itemised_paragraphs) > 1 and citation.paragraph is None:
        return None  # the message already shows the form to use
    return f"用 wenming article {article.number} 查看{Citation(article.number).chinese()}全文"


def _notes_for(
    regulation: Regulation, article: Article
) -> tuple[list[NoteView], dict[tuple[int, int | None], list[str]]]:
    """The notes that concern the article or a part of it, and the titles to show at each part."""
    notes: list[NoteView] = []
    at_part: dict[tuple[int, int | None], list[str]] = {}
    for note in regulation.notes:
        here: list[str] = []
        for text in note.concerns:
            provision = regulation.cite(text)
            if provision.article.number != article.number:
                continue
            here.append(provision.chinese)
            if provision.paragraph is not None:
                # A note on the article concerns all its parts; one on a part is shown at that part.
                part = (provision.paragraph.number, provision.item.number if provision.item else None)
                at_part.setdefault(part, []).append(note.title)
        if here:
            notes.append(
                NoteView(
                    key=note.key,
                    title=note.title,
                    summary=note.summary,
                    source=note.source,
                    concerns=[regulation.cite(text).chinese for text in note.concerns],
                    here=here,
                )
            )
    return notes, at_part


def _facts_for(regulation: Regulation, article: Article) -> list[FactView]:
    return [
        FactView(key=fact.key, fact=fact.fact, date=fact.date.isoformat(), source=fact.source)
        for fact in regulation.meta.external_facts
        if any(regulation.cite(text).article.number == article.number for text in fact.concerns)
    ]


def _cited_behaviours(regulation: Regulation, penalties: list[Penalty]) -> list[CitedBehaviour]:
    cited: list[CitedBehaviour] = []
    for penalty in penalties:
        behaviour = regulation.cite(penalty.behaviour.cites)
        cited.append(CitedBehaviour(citation=behaviour.chinese, text=behaviour.text, part=penalty.behaviour.part))
    return cited


def article_view(regulation: Regulation, reference: str) -> ArticleView:
    provision = find_provision(regulation, reference)
    article = provision.article
    chapter = regulation.chapter_of(article.number)
    assert chapter is not None  # every resolved article sits in a chapter
    cite = regulation.citation_text
    notes, notes_at = _notes_for(regulation, article)

    def links(penalties: list[Penalty]) -> list[PenaltyLink]:
        return [penalty_link(regulation, penalty) for penalty in penalties]

    paragraphs = []
    for paragraph in article.paragraphs:
        at_paragraph = Citation(article.number, paragraph.number)
        items = []
        for item in paragraph.items:
            at_item = Citation(article.number, paragraph.number, item.number)
            items.append(
                ItemView(
                    number=item.number,
                    citation=cite(at_item),
                    text=item.text,
                    penalties=links(regulation.penalties_citing(at_item)),
                    unpenalised_part=regulation.unpenalised_part(at_item),
                    notes=notes_at.get((paragraph.number, item.number), []),
                )
            )
        paragraphs.append(
            ParagraphView(
                number=paragraph.number,
                citation=cite(at_paragraph),
                text=paragraph.text,
                items=items,
                penalties=links(regulation.penalties_citing(at_paragraph)),
                unpenalised_part=regulation.unpenalised_part(at_paragraph),
                cites=_cited_behaviours(regulation, regulation.penalties_under(at_paragraph)),
                notes=notes_at.get((paragraph.number, None), []),
            )
        )
    focused = provision.paragraph is not None
    return ArticleView(
        number=article.number,
        citation=cite(Citation(article.number)),
        chapter=chapter.number,
        chapter_title=chapter.title,
        focus=provision.chinese if focused else None,
        focus_text=provision.text if focused else None,
        paragraphs=paragraphs,
        notes=notes,
        facts=_facts_for(regulation, article),
    )


# --- wenming contents / chapter ------------------------------------------------------------

FIRST_LINE_CHARS = 28  # characters of an article's opening shown in the contents


class ArticleLine(BaseModel):
    number: int
    citation: str
    first_line: str  # the opening of its first paragraph, cut at FIRST_LINE_CHARS with …


class ChapterView(BaseModel):
    number: int
    citation: str  # 第三章
    title: str
    first_article: int
    last_article: int
    articles_text: str  # 第二十二条至第二十七条
    articles: list[ArticleLine]


class ContentsView(BaseModel):
    title: str
    chapters: list[ChapterView]


def _first_line(article: Article) -> str:
    text = article.paragraphs[0].text
    return text if len(text) <= FIRST_LINE_CHARS else text[: FIRST_LINE_CHARS - 1] + "…"


def _chapter_view(chapter: Chapter) -> ChapterView:
    first, last = chapter.articles[0].number, chapter.articles[-1].number
    span = Citation(first).chinese() + (f"至{Citation(last).chinese()}" if last != first else "")
    return ChapterView(
        number=chapter.number,
        citation=chapter_citation(chapter.number),
        title=chapter.title,
        first_article=first,
        last_article=last,
        articles_text=span,
        articles=[
            ArticleLine(number=a.number, citation=Citation(a.number).chinese(), first_line=_first_line(a))
            for a in chapter.articles
        ],
    )


def contents_view(regulation: Regulation) -> ContentsView:
    return ContentsView(title=regulation.meta.title, chapters=[_chapter_view(c) for c in regulation.chapters])


def chapter_view(regulation: Regulation, reference: str) -> ContentsView:
    """One chapter: `3`, `三`, `第三章`."""
    try:
        number = parse_chapter_reference(reference)
    except CitationSyntaxError as error:
        raise BadInput(str(error), suggestion=error.suggestion) from None
    chapter = regulation.chapter(number)
    if chapter is None:
        count = to_chinese(len(regulation.chapters))
        raise NotFound(f"没有{chapter_citation(number)}：本条例共{count}章", suggestion="用 wenming contents 查看目录")
    return ContentsView(title=regulation.meta.title, chapters=[_chapter_view(chapter)])


# --- wenming behaviours ---------------------------------------------------------------------

# What `wenming behaviours` lists, and with --encouraged; the data says which article is which kind.
_GOVERNED_KINDS = ("governed", "list-system")


class BehaviourEntry(BaseModel):
    citation: str  # 第二十二条第九项; for a provision without items, the article
    article_citation: str  # 第二十二条: the article it is in
    # governed 治理 | encouraged 鼓励 | advocated 倡导 | list-system 清单制度 | duty: a penalised
    # provision outside the behaviour lists (第三十二条第四款, a venue's duty; domain: its chapter).
    kind: BehaviourKind | Literal["duty"]
    domain: str
    heading: str  # the article's opening words, which name the domain
    text: str
    penalised: bool  # some penalty cites it (perhaps only a part: see unpenalised_part)
    penalties: list[PenaltyLink]
    # The words no penalty covers, when the penalties cover only parts (第二十二条第十项's rabies vaccination).
    unpenalised_part: str | None = None
    # Where the regulation sets no penalty, for all or part of it: the referral to other laws (第三十五条).
    otherwise: str | None


class BehaviourList(RootModel[list[BehaviourEntry]]):
    """The behaviours of one kind, in the order of the regulation."""


def _referral(regulation: Regulation) -> str | None:
    # The provision's own words, as `fine` quotes them; its summary in the data is for `agency`.
    referral = next(iter(regulation.referrals()), None)
    return None if referral is None else f"本条例未设罚则；{referral.text}（{referral.chinese}）"


def _behaviour_articles(regulation: Regulation, kinds: tuple[str, ...]) -> list[tuple[Article, BehaviourArticle]]:
    found = [
        (regulation.cite(entry.article).article, entry)
        for entry in regulation.behaviour_articles
        if entry.kind in kinds
    ]
    return sorted(found, key=lambda pair: pair[0].number)


def behaviour_list(regulation: Regulation, domain: str | None = None, encouraged: bool = False) -> BehaviourList:
    """Chapter 3's governed behaviours (or Chapter 2's encouraged ones), optionally of one domain."""
    listed = _behaviour_articles(regulation, ENCOURAGING_KINDS if encouraged else _GOVERNED_KINDS)
    with_items = [(article, entry) for article, entry in listed if entry.kind != "list-system"]
    domains = [entry.domain for _, entry in with_items]
    if domain is not None:
        wanted = domain.strip()
        if not wanted:
            raise BadInput("方面为空", suggestion="用 --domain 选其中之一（可写一部分，如“交通”）", candidates=domains)
        # A domain is a list of items: the list system belongs to none.
        listed = [(article, entry) for article, entry in with_items if _domain_matches(entry, wanted)]
        if not listed:
            other = _behaviour_articles(regulation, _GOVERNED_KINDS if encouraged else ENCOURAGING_KINDS)
            there = [
                entry.domain for _, entry in other if entry.kind != "list-system" and _domain_matches(entry, wanted)
            ]
            where = (
                f"；“{wanted}”是{'治理的不文明行为' if encouraged else '鼓励和倡导的文明行为'}中的一类："
                f"{'、'.join(there)}（{'去掉' if encouraged else '加上'} --encouraged）"
                if there
                else ""
            )
            raise BadInput(
                f"没有“{wanted}”这一类{where}",
                suggestion="用 --domain 选其中之一（可写一部分，如“交通”）",
                candidates=domains,
            )
    referral = _referral(regulation)
    entries: list[BehaviourEntry] = []
    for article, listing in listed:
        heading = article.paragraphs[0].text
        if listing.kind == "list-system":
            entries.append(
                BehaviourEntry(
                    citation=regulation.citation_text(Citation(article.number)),
                    article_citation=Citation(article.number).chinese(),
                    kind=listing.kind,
                    domain=listing.domain,
                    heading=heading,
                    text="\n".join(p.text for p in article.paragraphs),
                    penalised=False,
                    penalties=[],
                    otherwise=None,
                )
            )
            continue
        for paragraph in article.itemised_paragraphs:
            for item in paragraph.items:
                at_item = Citation(article.number, paragraph.number, item.number)
                penalties = regulation.penalties_citing(at_item)
                rest = regulation.unpenalised_part(at_item)
                entries.append(
                    BehaviourEntry(
                        citation=regulation.citation_text(at_item),
                        article_citation=Citation(article.number).chinese(),
                        kind=listing.kind,
                        domain=listing.domain,
                        heading=heading,
                        text=item.text,
                        penalised=bool(penalties),
                        penalties=[penalty_link(regulation, p) for p in penalties],
                        unpenalised_part=rest,
                        otherwise=referral if listing.kind == "governed" and (rest or not penalties) else None,
                    )
                )
    if not encouraged and domain is None:
        entries += _penalised_outside_lists(regulation, referral)
    return BehaviourList(entries)


def _domain_matches(entry: BehaviourArticle, wanted: str) -> bool:
    return wanted in entry.domain or any(wanted in word for word in entry.also)


def _penalised_outside_lists(regulation: Regulation, referral: str | None) -> list[BehaviourEntry]:
    """Penalised behaviours cited outside the behaviour lists (第三十二条第四款), from the penalties."""
    listed = {regulation.cite(entry.article).citation.article for entry in regulation.behaviour_articles}
    entries: list[BehaviourEntry] = []
    for cited in regulation.penalised_behaviours():
        if cited.article in listed:
            continue
        provision = regulation.resolve(cited)
        chapter = regulation.chapter_of(cited.article)
        penalties = regulation.penalties_citing(cited)
        entries.append(
            BehaviourEntry(
                citation=provision.chinese,
                article_citation=Citation(cited.article).chinese(),
                kind="duty",
                domain=chapter.title if chapter else "",
                heading=f"第{to_chinese(chapter.number)}章 {chapter.title}" if chapter else "",
                text=provision.text,
                penalised=True,
                penalties=[penalty_link(regulation, p) for p in penalties],
                unpenalised_part=None,
                otherwise=None,
            )
        )
    return entries
