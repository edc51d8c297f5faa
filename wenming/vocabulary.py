"""The words people use and the statute's words they mean, as the data gives them.

Shared by `fine`'s matching (wenming.resolve) and `search` (wenming.search): the data's colloquial
and statute words, the question words taken off a query, and a per-regulation cache for tables
derived from the data. Nothing here knows a word: every word comes from the regulation's data.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from wenming.regulation import Regulation

_CACHED_REGULATIONS = 8  # the shipped one, and a few --data files in a test run
_T = TypeVar("_T")


def per_regulation(compute: Callable[[Regulation], _T]) -> Callable[[Regulation], _T]:
    """Cache `compute(regulation)` for the regulations in use: derived tables are built once per query.

    Keyed by identity (a Regulation is frozen, but its lists make it unhashable); the cache holds
    the regulation itself, so an id is never reused while its entry lives.
    """
    cache: dict[int, tuple[Regulation, _T]] = {}

    @functools.wraps(compute)
    def cached(regulation: Regulation) -> _T:
        hit = cache.get(id(regulation))
        if hit is not None and hit[0] is regulation:
            return hit[1]
        if len(cache) >= _CACHED_REGULATIONS:
            cache.clear()
        value = compute(regulation)
        cache[id(regulation)] = (regulation, value)
        return value

    return cached


def holds(text: str, words: str) -> bool:
    """`words` occur in `text` other than negated: 禁止吸烟场所 is not in 在非禁止吸烟场所."""
    start = text.find(words)
    while start != -1:
        if start == 0 or text[start - 1] != "非":
            return True
        start = text.find(words, start + 1)
    return False


def is_cjk(char: str) -> bool:
    """A Chinese character (CJK unified ideographs, extension A, compatibility ideographs)."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def strip_question(regulation: Regulation, text: str) -> str:
    """The query without the question words the data lists (遛狗不牵绳罚多少 -> 遛狗不牵绳)."""
    stripped = text.rstrip("？?！!。 ")
    for phrase in sorted(regulation.question_phrases, key=len, reverse=True):
        if stripped.endswith(phrase) and len(stripped) > len(phrase):
            return stripped[: -len(phrase)].rstrip("，, ")
    return stripped


@per_regulation
def vocabulary_words(regulation: Regulation) -> tuple[tuple[str, bool], ...]:
    """The colloquial and statute words of the data, longest first, each with its search_only.

    Built once per regulation (per_regulation), not again for every term known_words reads.
    """
    words: dict[str, bool] = {}
    for entry in regulation.colloquial_terms:
        for word in (*entry.says, *entry.statute):
            words[word] = words.get(word, True) and entry.search_only
    return tuple(sorted(words.items(), key=lambda pair: (-len(pair[0]), pair[0])))


def known_words(regulation: Regulation, term: str, *, for_fine: bool = False) -> list[str]:
    """The data's words inside `term`, longest first, in the term's order, none overlapping another.

    for_fine: a search-only word (办狗证) is not given, nor any word inside it (狗 in 办狗证).
    """
    taken = [False] * len(term)
    found: list[tuple[int, str]] = []
    for word, search_only in vocabulary_words(regulation):
        start = term.find(word)
        while start != -1:
            end = start + len(word)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(word)
                if not (for_fine and search_only):
                    found.append((start, word))
                break
            start = term.find(word, start + 1)
    return [word for _, word in sorted(found)]


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
