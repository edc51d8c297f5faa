"""Search in people's words: literal terms, all of which must match, over text and notes.

A term matches where it, or a statute word the data's `colloquial_terms` give for it, occurs
literally (狗 finds 犬只). A hit is reported at the finest level holding every term: an item,
else a paragraph. Notes are searched too. Results come in the order of the regulation.
"""

from collections.abc import Iterator
from itertools import groupby
from typing import NamedTuple

from pydantic import BaseModel, RootModel

from wenming.errors import BadInput, NotFound
from wenming.model import Regulation
from wenming.numerals import normalise_digits

MAX_TERMS = 10
MAX_TERM_LENGTH = 50


class Span(BaseModel):
    start: int
    end: int


class SearchHit(BaseModel):
    citation: str  # statute form, e.g. 第三十七条第二款; for a note, the provisions it concerns
    kind: str  # item | paragraph | note
    article: int
    text: str
    matched: list[str]  # the words found, in the order of the terms (the statute's words for a colloquial one)
    spans: list[Span]  # where they are in `text`, for highlighting
    note: str | None = None  # a note's title


class SearchResult(RootModel[list[SearchHit]]):
    """The hits, in the order of the regulation."""


def _normalise(term: str) -> str:
    return normalise_digits("".join(term.split()))


def expansions(regulation: Regulation, term: str, *, for_fine: bool = False) -> list[str]:
    """The term and the statute words the data gives for it, longest first for highlighting.

    for_fine: leave out the words meant for search only (办狗证 is near 犬牌, but is not 佩戴犬牌).
    """
    words = {term}
    for entry in regulation.colloquial_terms:
        if for_fine and entry.search_only:
            continue
        if term in entry.says:
            words.update(entry.statute)
    return sorted(words, key=lambda word: (-len(word), word))


class _Unit(NamedTuple):
    """A searchable text with its place in the regulation (sort key) and what to report.

    A NamedTuple rather than a frozen dataclass: a fifth of the cost to create at import.
    """

    key: tuple[int, int, int, int]
    citation: str
    kind: str
    article: int
    text: str
    note: str | None = None


def _units(regulation: Regulation) -> Iterator[tuple[_Unit, list[_Unit]]]:
    """Each paragraph with its items; the paragraph's unit holds its full text for terms spread over items.

    The provisions are Regulation.units() (items, and paragraphs without items), grouped by paragraph.
    """
    cite = regulation.citation_text
    # Consecutive units of one paragraph share its Paragraph object.
    by_paragraph = groupby(regulation.units(), key=lambda unit: (unit.article.number, id(unit.paragraph)))
    for (article, _), grouped in by_paragraph:
        group = list(grouped)
        paragraph = group[0].paragraph
        assert paragraph is not None  # Regulation.units() sets every unit's paragraph
        items = [
            _Unit((article, paragraph.number, unit.item.number, 0), unit.chinese, "item", article, unit.text)
            for unit in group
            if unit.item is not None
        ]
        whole = cite(regulation.paragraph_citation(article, paragraph.number))  # a sole paragraph: 第三十八条
        yield _Unit((article, paragraph.number, 0, 0), whole, "paragraph", article, paragraph.text), items


def _note_units(regulation: Regulation) -> Iterator[_Unit]:
    for index, note in enumerate(regulation.notes):
        concerns = [regulation.cite(text) for text in note.concerns]
        first = min(concerns, key=lambda provision: provision.citation.article)
        citation = "、".join(provision.chinese for provision in concerns)
        # After the provisions of the first article it concerns.
        for field_index, text in enumerate((note.summary, note.quote)):
            key = (first.citation.article, 10_000, index, field_index)
            yield _Unit(key, citation, "note", first.citation.article, text, note=note.title)


def _match(text: str, alternatives: list[list[str]]) -> tuple[list[str], list[Span]] | None:
    """The words found for each term, and their spans; None unless every term matches."""
    matched: list[str] = []
    spans: list[Span] = []
    for words in alternatives:
        found = [word for word in words if word in text]
        if not found:
            return None
        for word in found:
            if word not in matched:
                matched.append(word)
            start = text.find(word)
            while start != -1:
                spans.append(Span(start=start, end=start + len(word)))
                start = text.find(word, start + len(word))
    # 犬 adds nothing beside 犬只: report only the words not inside another one found.
    matched = [word for word in matched if not any(word != other and word in other for other in matched)]
    return matched, _merged(spans)


def _merged(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            merged[-1] = Span(start=merged[-1].start, end=max(merged[-1].end, span.end))
        else:
            merged.append(span)
    return merged


def _hit(unit: _Unit, text: str, found: tuple[list[str], list[Span]]) -> tuple[tuple[int, int, int, int], SearchHit]:
    matched, spans = found
    hit = SearchHit(
        citation=unit.citation,
        kind=unit.kind,
        article=unit.article,
        text=text,
        matched=matched,
        spans=spans,
        note=unit.note,
    )
    return unit.key, hit


def search(regulation: Regulation, terms: list[str]) -> SearchResult:
    """Every provision and note matching all `terms` (literal; colloquial words expanded)."""
    cleaned = [_normalise(term) for term in terms]
    cleaned = [term for term in cleaned if term]
    if not cleaned:
        raise BadInput("请给出要查找的词", suggestion="例如 wenming search 狗 或 wenming search 吸烟 罚款")
    if len(cleaned) > MAX_TERMS or any(len(term) > MAX_TERM_LENGTH for term in cleaned):
        raise BadInput(f"查找词太多或太长（至多 {MAX_TERMS} 个，每个至多 {MAX_TERM_LENGTH} 字）")
    alternatives = [expansions(regulation, term) for term in cleaned]
    hits: list[tuple[tuple[int, int, int, int], SearchHit]] = []
    for paragraph, items in _units(regulation):
        found_here = False
        for unit in (paragraph, *items):
            found = _match(unit.text, alternatives)
            if found:
                hits.append(_hit(unit, unit.text, found))
                found_here = True
        if not found_here and items:
            # The terms are spread over the lead-in and items: the paragraph is the finest level.
            whole = "\n".join([paragraph.text, *(item.text for item in items)])
            found = _match(whole, alternatives)
            if found:
                hits.append(_hit(paragraph, whole, found))
    reported_notes: set[str | None] = set()
    for unit in _note_units(regulation):
        found = _match(unit.text, alternatives)
        # A note once: its summary, else the words of the report.
        if found and unit.note not in reported_notes:
            reported_notes.add(unit.note)
            hits.append(_hit(unit, unit.text, found))
    if not hits:
        said = " ".join(cleaned)
        raise NotFound(
            f"没有找到“{said}”",
            suggestion="换一个说法，或少用几个词；条文用语如“犬只”“吸烟”“车辆”",
        )
    hits.sort(key=lambda pair: pair[0])
    return SearchResult([hit for _, hit in hits])
