"""Search in people's words: literal terms, all of which must match, over text and notes.

A term matches where it, or a statute word the data's `colloquial_terms` give for it, occurs
literally (狗 finds 犬只). A term is split on spaces (also the ideographic U+3000), and loses the
question words the data lists (随地吐痰罚款 -> 随地吐痰). A term that finds nothing on its own is
split as `fine` reads a phrase (wenming.matcher): into the shared vocabulary's words it holds,
longest first (电动车不戴头盔 -> 电动车 + 不戴头盔), each searched with the statute words of its
concepts too, all of which must match; the result says so (`searched_as`). A hit is reported at the
finest level holding every term: an item, else a paragraph (with its items' places in `items`).
Notes are searched too, their summary (摘要) and the committee's words (原文). Results come in
the order of the regulation.
"""

from collections.abc import Iterable, Iterator
from itertools import chain, groupby
from typing import TYPE_CHECKING

from wenming.answer import Answer, field
from wenming.declared import Value
from wenming.errors import BadInput, NotFound
from wenming.numerals import normalise_digits
from wenming.regulation import Regulation
from wenming.vocabulary import expansions, is_cjk, strip_question, vocabulary_words

if TYPE_CHECKING:
    from wenming.matcher import PhraseWord

MAX_TERMS = 10
MAX_TERM_LENGTH = 50


class Span(Answer):
    start: int
    end: int


class HitItem(Answer):
    """An item inside a paragraph hit's `text`: its number and citation, and where its words are."""

    number: int
    citation: str
    start: int
    end: int


class SearchHit(Answer):
    citation: str  # statute form, e.g. 第三十七条第二款; for a note, the first provision it concerns
    kind: str  # item | paragraph | note
    article: int
    text: str
    matched: list[str]  # the words found, in the order of the terms (the statute's words for a colloquial one)
    spans: list[Span]  # where they are in `text`, for highlighting
    note: str | None = None  # a note's title
    # A note's other provisions, besides `citation`.
    also_concerns: list[str] = field(default_factory=list)
    # Which words of a note `text` is: 摘要 (the project's summary) or 原文 (the committee's words).
    note_part: str | None = None
    # A paragraph hit whose terms are spread over its items: each item's number and place in `text`,
    # so that a view can print （一）… and a reader can cite the item.
    items: list[HitItem] = field(default_factory=list)


class TermSplit(Answer):
    """A term that found nothing on its own, and the known words it was searched by instead."""

    term: str
    words: list[str]  # the data's words in it
    # Words left out because no provision holds them with the rest (公交车 in 公交车上抽烟), or
    # because they name a place, which names no behaviour by itself (`places`, 电梯 in 电梯抽烟).
    dropped: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)


class SearchResult(Answer):
    """The hits, in the order of the regulation, and how the terms were searched."""

    terms: list[str]  # as searched: split on spaces, question words taken off
    split: list[TermSplit] = field(default_factory=list)
    searched_as: str | None = None  # 按「电动车」「头盔」查找, when a term was split
    hits: list[SearchHit]


def _normalise(term: str) -> str:
    return normalise_digits(term.strip())


NOTE_QUOTE = "原文"  # a note's quote: the committee's words
NOTE_SUMMARY = "摘要"  # a note's summary: the project's words


# What search reads of a regulation, as flat rows of text (so that the corpus index, wenming.corpus_search,
# keeps them as they are, and reading them back builds nothing):
#   a paragraph: [article, paragraph, citation, text, then per item: number, citation, text]
#   a note's part: [article, note index, part index, citation, note title, part, text, *other provisions]
# Numbers are written as text. A row is one string, its fields joined by _SEPARATOR, and a regulation's
# rows one string too, joined by _ROW: two C1 control characters, which no statute holds (the loader
# refuses control characters in data; were one there, it would show as U+FFFD). JSON escapes only the
# control characters below U+0020 (U+001F and U+001E were the joiners before): these it writes as they
# are, and the index is parsed without unescaping, in a third of the time. A search finds its words in
# the whole text and splits out only the rows that hold them (a few dozen of a city's hundreds); the
# corpus index reads back two strings a regulation.
_SEPARATOR = "\x9f"
_ROW = "\x9e"


def _joined(row: list[str]) -> str:
    return _SEPARATOR.join(field.replace(_SEPARATOR, "\ufffd").replace(_ROW, "\ufffd") for field in row)


def _rows_with(rows: str, words: Iterable[str]) -> list[str]:
    """The rows of `rows` (joined by _ROW) that hold one of `words` anywhere, in their order."""
    ends: dict[int, int] = {}  # where each row found starts -> where it ends
    for word in words:
        if not word:  # every row holds the empty word
            return _every_row(rows)
        if _ROW in word:  # no row holds it: a word never spans two
            continue
        at = rows.find(word)
        while at != -1:
            start = rows.rfind(_ROW, 0, at) + 1
            end = rows.find(_ROW, at)
            ends[start] = end = len(rows) if end == -1 else end
            at = rows.find(word, end)
    return [rows[start : ends[start]] for start in sorted(ends)]


def _candidates(rows: str, alternatives: list[list[str]]) -> list[str]:
    """The rows that may hold some word of every term: those that hold one of the first's."""
    return _rows_with(rows, alternatives[0]) if alternatives else _every_row(rows)


def _every_row(rows: str) -> list[str]:
    return rows.split(_ROW) if rows else []  # no row is empty: "" is no rows


def _paragraph_texts(rows: Iterable[str]) -> Iterator[str]:
    for joined in rows:
        yield from joined.split(_SEPARATOR)[3::3]


def _note_texts(rows: Iterable[str]) -> Iterator[str]:
    for joined in rows:
        yield joined.split(_SEPARATOR)[6]


def _paragraph_rows(regulation: Regulation) -> Iterator[str]:
    """Each paragraph with its items; the paragraph's text is searched whole for terms spread over items.

    The provisions are Regulation.units() (items, and paragraphs without items), grouped by paragraph.
    """
    cite = regulation.citation_text
    # Consecutive units of one paragraph share its Paragraph object.
    by_paragraph = groupby(regulation.units(), key=lambda unit: (unit.article.number, id(unit.paragraph)))
    for (article, _), grouped in by_paragraph:
        group = list(grouped)
        paragraph = group[0].paragraph
        assert paragraph is not None  # Regulation.units() sets every unit's paragraph
        whole = cite(regulation.paragraph_citation(article, paragraph.number))  # a sole paragraph: 第三十八条
        row = [str(article), str(paragraph.number), whole, paragraph.text]
        for unit in group:
            if unit.item is not None:
                row += [str(unit.item.number), unit.chinese, unit.text]
        yield _joined(row)


def _note_rows(regulation: Regulation) -> Iterator[str]:
    """Each note's quote and summary, with the note's other provisions and which part it is."""
    for index, note in enumerate(regulation.notes):
        concerns = sorted(
            (regulation.cite(text) for text in note.concerns),
            key=lambda provision: (provision.citation.article, provision.citation.paragraph or 0),
        )
        first = concerns[0]
        others = [provision.chinese for provision in concerns[1:]]
        # After the provisions of the first article it concerns.
        # The committee's words first: a hit quotes them where they hold the terms.
        for part_index, (text, part) in enumerate(((note.quote, NOTE_QUOTE), (note.summary, NOTE_SUMMARY))):
            article = str(first.citation.article)
            row = [article, str(index), str(part_index), first.chinese, note.title, part, text, *others]
            yield _joined(row)


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


def _finds_anything(sources: list["Units"], words: list[str]) -> bool:
    """Whether some text holds one of `words`: only the rows that hold one anywhere are split to see."""
    for units in sources:
        texts = chain(
            _paragraph_texts(_rows_with(units.paragraphs, words)), _note_texts(_rows_with(units.notes, words))
        )
        if any(word in text for text in texts for word in words):
            return True
    return False


class Units(Value):
    """What a search reads of one regulation: each paragraph with its items, and each note's two parts,
    as rows of text (see _ROW). Built from a Regulation (`regulation_units`), or read back from the
    corpus index (wenming.corpus_search), which keeps every shipped regulation's rows in one cache entry."""

    paragraphs: str  # the paragraphs' rows, joined by _ROW
    notes: str  # the notes' rows, joined by _ROW


def regulation_units(regulation: Regulation) -> Units:
    """The regulation's searchable units, in its order."""
    return Units(paragraphs=_ROW.join(_paragraph_rows(regulation)), notes=_ROW.join(_note_rows(regulation)))


class _Query(Value):
    """The terms as read, and what searching them found: hits for each source searched."""

    cleaned: list[str]
    split: list[TermSplit]
    searched_as: str | None
    hits: list[list[SearchHit]]


def search(regulation: Regulation, terms: list[str]) -> SearchResult:
    """Every provision and note matching all `terms` (literal; colloquial words expanded)."""
    query = run_query(regulation, [regulation_units(regulation)], terms)
    return SearchResult(terms=query.cleaned, split=query.split, searched_as=query.searched_as, hits=query.hits[0])


def run_query(regulation: Regulation, sources: list[Units], terms: list[str]) -> _Query:
    """Search every source in `sources` for all `terms`, read with `regulation`'s words (its colloquial
    terms and question words, and the shared vocabulary for splitting a phrase); NotFound when no
    source has a hit. The hits of each source, in its order."""
    # One argument "电梯 吸烟" (or 电梯\u3000吸烟) is two terms.
    cleaned = [_normalise(word) for term in terms for word in term.split()]
    known = {word for word, _ in vocabulary_words(regulation)}
    # 抵罚款 is a word of its own, not 抵 and a question.
    cleaned = [term if term in known else strip_question(regulation, term) for term in cleaned if term]
    cleaned = [term for term in cleaned if term]
    if not cleaned:
        raise BadInput("请给出要查找的词", suggestion="例如 wenming search 狗 或 wenming search 吸烟 罚款")
    if len(cleaned) > MAX_TERMS or any(len(term) > MAX_TERM_LENGTH for term in cleaned):
        raise BadInput(f"查找词太多或太长（至多 {MAX_TERMS} 个，每个至多 {MAX_TERM_LENGTH} 字）")
    searched: list[str] = []
    split: list[TermSplit] = []
    # A split word is searched as itself, the data's words for it, and its concepts' statute words.
    statute: dict[str, tuple[str, ...]] = {}
    for term in cleaned:
        # Only a phrase (Chinese characters throughout) is split: 犬|狗 stays the literal it is.
        phrase = all(is_cjk(char) for char in term)
        whole = not phrase or _finds_anything(sources, expansions(regulation, term))
        found = [] if whole else _phrase_words(regulation, term)
        if found:
            words = [word.text for word in found]
            # A place names no behaviour by itself (电梯 in 电梯抽烟): left out where other words remain.
            places = [word.text for word in found if word.place]
            kept = [word for word in words if word not in places] or words
            left_out = [word for word in words if word not in kept]
            split.append(TermSplit(term=term, words=words, dropped=left_out, places=left_out))
            searched += kept
            statute.update((word.text, word.statute) for word in found)
            continue
        searched.append(term)
    result = _search_all(regulation, sources, searched, statute)
    if not any(result) and split:
        # No provision holds all the words: leave out a split term's leading words (a place or a
        # vehicle, 公交车上抽烟) until some provision holds the rest; say which were left out.
        for index, part in enumerate(split):
            remaining = [word for word in part.words if word not in part.dropped]
            for cut in range(1, len(remaining)):
                kept = remaining[cut:]
                trial = [w for w in searched if w not in part.words] + kept
                result = _search_all(regulation, sources, trial, statute)
                if any(result):
                    split[index] = part.replace(dropped=[*part.dropped, *remaining[:cut]])
                    searched = trial
                    break
            if any(result):
                break
    if not any(result):
        raise _nothing(cleaned)
    searched_as = None
    if split:
        searched_as = "按" + "".join(f"「{word}」" for word in searched) + "查找"
        places = [word for part in split for word in part.places]
        dropped = [word for part in split for word in part.dropped if word not in places]
        if places:
            searched_as += "（" + "".join(f"「{word}」" for word in places) + "是地点，未作查找条件）"
        if dropped:
            searched_as += "（" + "".join(f"「{word}」" for word in dropped) + "未见于同一条文，未作查找条件）"
    return _Query(cleaned=cleaned, split=split, searched_as=searched_as, hits=result)


def _phrase_words(regulation: Regulation, term: str) -> list["PhraseWord"]:
    """The matcher's reading of a phrase into words, imported only when a term must be split."""
    from wenming.matcher import phrase_words

    return phrase_words(regulation, term)


def _search_all(
    regulation: Regulation, sources: list[Units], terms: list[str], statute: dict[str, tuple[str, ...]]
) -> list[list[SearchHit]]:
    alternatives = [
        sorted({*expansions(regulation, term), *statute.get(term, ())}, key=lambda word: (-len(word), word))
        for term in terms
    ]
    return [_search(units, alternatives) for units in sources]


def _search(units: Units, alternatives: list[list[str]]) -> list[SearchHit]:
    hits: list[tuple[tuple[int, int, int, int], SearchHit]] = []
    for joined in _candidates(units.paragraphs, alternatives):
        if not _may_match(joined, alternatives):  # most rows: no need to split them
            continue
        row = joined.split(_SEPARATOR)
        found_here = False
        for at in range(3, len(row), 3):  # the paragraph's text, then each item's
            found = _match(row[at], alternatives)
            if found:
                article, paragraph = int(row[0]), int(row[1])
                item = int(row[at - 2]) if at > 3 else 0
                key = (article, paragraph, item, 0)
                hits.append((key, _hit(row[at - 1], "item" if item else "paragraph", article, row[at], found)))
                found_here = True
        if not found_here and len(row) > 4:
            # The terms are spread over the lead-in and items: the paragraph is the finest level.
            whole = "\n".join(row[3::3])
            found = _match(whole, alternatives)
            if found:
                article, paragraph = int(row[0]), int(row[1])
                places: list[HitItem] = []
                start = len(row[3]) + 1
                for at in range(6, len(row), 3):
                    number, citation, text = int(row[at - 2]), row[at - 1], row[at]
                    places.append(HitItem(number=number, citation=citation, start=start, end=start + len(text)))
                    start += len(text) + 1
                hit = _hit(row[2], "paragraph", article, whole, found)
                hit.items = places
                hits.append(((article, paragraph, 0, 0), hit))
    reported_notes: set[str] = set()
    for joined in _candidates(units.notes, alternatives):
        if not _may_match(joined, alternatives):
            continue
        row = joined.split(_SEPARATOR)
        found = _match(row[6], alternatives)
        title = row[4]
        # A note once: the committee's words, else the summary.
        if found and title not in reported_notes:
            reported_notes.add(title)
            article = int(row[0])
            hit = _hit(row[3], "note", article, row[6], found, note=title)
            hit.also_concerns, hit.note_part = row[7:], row[5]
            hits.append(((article, 10_000, int(row[1]), int(row[2])), hit))
    if not hits:
        return []
    hits.sort(key=lambda pair: pair[0])
    return [hit for _, hit in hits]


def _may_match(joined: str, alternatives: list[list[str]]) -> bool:
    """Whether a row (all its fields) holds some word of every term: else none of its texts can."""
    return all(any(word in joined for word in words) for words in alternatives)


def _hit(
    citation: str, kind: str, article: int, text: str, found: tuple[list[str], list[Span]], note: str | None = None
) -> SearchHit:
    matched, spans = found
    return SearchHit(citation=citation, kind=kind, article=article, text=text, matched=matched, spans=spans, note=note)


def _nothing(terms: list[str]) -> NotFound:
    return NotFound(
        f"没有找到“{' '.join(terms)}”",
        suggestion="换一个说法，或少用几个词；条文用语如“犬只”“吸烟”“车辆”",
    )
