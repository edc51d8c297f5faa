"""Look-up: an article in context, and the penalty links the listings share.

The table of contents and the behaviours are wenming.contents and wenming.behaviours (their names
are still importable from here). Each function returns the result (a wenming.answer.Answer) that a command
prints, as JSON or as a view. Everything legal comes from the regulation data: the penalties that
cite an item, the notes that concern it, the facts the gazette lacks.
"""

from typing import Any

from wenming.answer import Answer, field
from wenming.citation import (
    CITATION_FORMS_HELP,
    Citation,
    CitationSyntaxError,
    parse_citation,
)
from wenming.errors import BadInput, NotFound
from wenming.model import Article, Penalty, step_treatment
from wenming.regulation import Provision, Regulation, UnknownProvision

# --- shared pieces -------------------------------------------------------------------------


class FineStepView(Answer):
    """One rung of a penalty ladder: the provision's condition, what follows, the fine in yuan."""

    condition: str
    measures: list[str]
    fine_min: int | None
    fine_max: int | None
    reading: str | None = None  # how wenming reads the step where the provision leaves it open


class PenaltyLink(Answer):
    """A liability provision that penalises a behaviour, with its fine in brief."""

    key: str
    name: str
    provision: str  # the liability provision, e.g. 第三十六条第一款
    behaviour: str  # the provision of the governed behaviour, e.g. 第二十二条第九项
    part: str | None  # the words of the behaviour's text this penalty covers, when only part
    agencies: list[str]
    steps: list[FineStepView]  # the ladder for anyone; where each party has its own, the first party's
    brief: str  # e.g. 责令改正；拒不改正的，罚款50元；情节严重的或者再次违反规定的，罚款100元至200元
    review: str = "reviewed"  # draft: not yet read by a person (未经人工核对)


class NoteView(Answer):
    """A legislative note, and which provisions of the article at hand it concerns."""

    key: str
    title: str
    summary: str
    source: str
    concerns: list[str]  # all the provisions it concerns, statute form
    # Where the report explains a deleted clause of the draft: that clause (the provisions above are
    # then related, not its subject).
    deleted_clause: str | None = None
    here: list[str]  # those in this article (the article itself, or its paragraphs or items)


class FactView(Answer):
    """A fact the gazette does not print, with its source."""

    key: str
    fact: str
    date: str
    source: str


def _brief(regulation: Regulation, steps: list[FineStepView]) -> str:
    """The ladder in a line: 责令改正；拒不改正的，罚款50元；情节严重的或者再次违反规定的，罚款100元至200元."""
    fine_measure = regulation.fine_measure or ""  # validation requires it where a step has a fine

    def fine_words(low: int | None, high: int) -> str:
        if low is None:
            return f"{fine_measure}{high}元以下"
        return f"{fine_measure}{low}元" if low == high else f"{fine_measure}{low}元至{high}元"

    rungs = []
    for index, step in enumerate(steps):
        words = step_treatment(step.measures, fine_measure, step.fine_min, step.fine_max, fine_words)
        # The first rung's condition is the behaviour itself; later rungs say when they apply.
        rungs.append(words if index == 0 else f"{step.condition}，{words}")
    return "；".join(rungs)


def penalty_link(regulation: Regulation, penalty: Penalty) -> PenaltyLink:
    ladders = [
        (
            variant,
            [
                FineStepView(
                    condition=step.condition,
                    measures=step.measure_names,
                    fine_min=step.fine.min if step.fine else None,
                    fine_max=step.fine.max if step.fine else None,
                    reading=step.reading,
                )
                for step in steps
            ],
        )
        for variant, steps in penalty.ladders()
    ]
    steps = ladders[0][1]
    # A ladder per party or role: each briefed after the provision's words for whom (对个人：…；对单位：…).
    brief = "；".join(
        (f"对{variant.role or variant.party}：" if variant is not None else "") + _brief(regulation, views)
        for variant, views in ladders
    )
    return PenaltyLink(
        key=penalty.key,
        name=penalty.name,
        provision=regulation.cite(penalty.provision).chinese,
        behaviour=regulation.cite(penalty.behaviour_cites).chinese,
        part=penalty.behaviour.part,
        agencies=regulation.agency_names(penalty.agencies, short=True),
        steps=steps,
        brief=brief,
        review=penalty.review,
    )


# --- wenming article -----------------------------------------------------------------------


class CitedBehaviour(Answer):
    """In a liability provision: the governed behaviour it cites, with the words it penalises."""

    citation: str
    text: str
    part: str | None


class ItemView(Answer):
    number: int
    citation: str
    text: str
    penalties: list[PenaltyLink] = field(default_factory=list)
    unpenalised_part: str | None = None  # the words no penalty covers, when penalties cover only parts
    notes: list[str] = field(default_factory=list)  # titles of the notes that concern this item in particular


class ParagraphView(Answer):
    number: int
    citation: str
    text: str
    items: list[ItemView]
    # Liability provisions that penalise this paragraph's duty.
    penalties: list[PenaltyLink] = field(default_factory=list)
    unpenalised_part: str | None = None  # the words no penalty covers, when penalties cover only parts
    cites: list[CitedBehaviour] = field(default_factory=list)  # in a liability provision: the behaviours it penalises
    notes: list[str] = field(default_factory=list)  # titles of the notes that concern this paragraph in particular


class ArticleView(Answer):
    number: int
    citation: str
    chapter: int | None  # None in a regulation without chapters
    chapter_title: str | None
    # The part the reference named (a paragraph or item), or None for the whole article.
    focus: str | None
    focus_text: str | None = None
    paragraphs: list[ParagraphView]
    notes: list[NoteView] = field(default_factory=list)  # every note concerning the article or a part of it
    facts: list[FactView] = field(default_factory=list)  # facts the gazette lacks, e.g. Article 42's effective date


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
                    deleted_clause=note.deleted_clause,
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
        for citation in (penalty.behaviour_cites, *penalty.behaviour.also):  # each provision it cites
            behaviour = regulation.cite(citation)
            part = penalty.behaviour.part if citation == penalty.behaviour_cites else None
            cited.append(CitedBehaviour(citation=behaviour.chinese, text=behaviour.text, part=part))
    return cited


def article_view(regulation: Regulation, reference: str) -> ArticleView:
    provision = find_provision(regulation, reference)
    article = provision.article
    chapter = regulation.chapter_of(article.number)
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
        chapter=chapter.number if chapter else None,
        chapter_title=chapter.title if chapter else None,
        focus=provision.chinese if focused else None,
        focus_text=provision.text if focused else None,
        paragraphs=paragraphs,
        notes=notes,
        facts=_facts_for(regulation, article),
    )


# --- moved out, still importable from here -------------------------------------------------

# Start-up (benchmarks/startup.py): `article` imports only its own answers; the listings' answers live
# in wenming.contents and wenming.behaviours, and their names here are looked up there when first asked
# for.
_MOVED = {
    "ArticleLine": "contents",
    "ChapterView": "contents",
    "ContentsView": "contents",
    "FIRST_LINE_CHARS": "contents",
    "chapter_view": "contents",
    "contents_view": "contents",
    "BehaviourEntry": "behaviours",
    "BehaviourList": "behaviours",
    "behaviour_list": "behaviours",
}


def __getattr__(name: str) -> Any:
    if name in _MOVED:
        from importlib import import_module

        return getattr(import_module(f"wenming.{_MOVED[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
