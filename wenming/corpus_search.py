"""`wenming --city all search`: every shipped regulation searched at once, from one index.

Reading forty regulations' cache entries one by one costs more than the whole look-up may; the index
keeps what search reads of each (its paragraphs, items and notes: wenming.search.Units) as rows of
text in ONE cache entry (wenming.corpus.corpus_record: JSON, keyed on every data file's bytes and
the vocabulary). The terms are read as `search` reads them for the default regulation (its people's
words, 狗 → 犬只, and question words; the shared vocabulary splits a phrase); every city's text is then
searched for the same words. Hits come grouped by city: the default city first, then registry order.
"""

# Real annotations (no `from __future__ import annotations`): the result models are built per run.

from collections.abc import Iterator
from typing import Any, ClassVar

from wenming.answer import Answer, field
from wenming.corpus import corpus_record
from wenming.datarecord import DataRecord
from wenming.registry import CityEntry
from wenming.regulation import Regulation, incomplete_notice
from wenming.search import SearchHit, TermSplit, Units, regulation_units, run_query


class IndexedRegulation(DataRecord):
    """One regulation's searchable units: wenming.search.Units' rows of text, kept as they are, two
    strings a regulation (read back without a model or a string a row: the search finds its words in
    the whole text and splits out the rows that hold them)."""

    city: str
    title: str
    notice: str | None  # the regulation is cut short: what every answer from it says
    paragraphs: str
    notes: str


class SearchIndex(DataRecord):
    """Every shipped regulation's searchable text, in the order of wenming.corpus.files()."""

    # 40 regulations make about 2 MB; the synthetic corpora of the scale study (docs/scale.md) more.
    cache_max_bytes: ClassVar[int] = 512 * 1024 * 1024
    regulations: list[IndexedRegulation]


def _indexed(entry: CityEntry, regulation: Regulation) -> IndexedRegulation:
    units = regulation_units(regulation)
    notice = incomplete_notice(regulation)
    return IndexedRegulation(
        city=entry.city, title=entry.title, notice=notice, paragraphs=units.paragraphs, notes=units.notes
    )


def build_index(regulations: Iterator[tuple[CityEntry, Regulation]]) -> SearchIndex:
    return SearchIndex(regulations=[_indexed(entry, regulation) for entry, regulation in regulations])


def search_index() -> SearchIndex:
    """The index: from its cache entry, else built from every regulation (validated where not cached)."""
    return corpus_record(SearchIndex, build_index)


class CityHit(SearchHit):
    """A hit of `--city all search`: the hit, and the regulation it is in."""

    city: str
    title: str
    incomplete: bool = False  # the regulation is cut short (its notice: CitySearch.notice)


class CitySearch(Answer):
    """One city's share of the hits."""

    city: str
    title: str
    hits: int
    notice: str | None = None  # the regulation is cut short: what every answer from it says


class AllCitiesSearchResult(Answer):
    """The hits in every shipped regulation: grouped by city (default first, then registry order)."""

    terms: list[str]
    split: list[TermSplit] = field(default_factory=list)
    searched_as: str | None = None
    cities: list[CitySearch]  # the cities with hits, in the order of `hits`
    searched: int  # how many regulations were searched
    hits: list[CityHit]


def search_all(default: Regulation, terms: list[str]) -> AllCitiesSearchResult:
    """Every shipped regulation searched for all `terms`, read with the default regulation's words."""
    index = search_index()
    query = run_query(
        default, [Units(paragraphs=indexed.paragraphs, notes=indexed.notes) for indexed in index.regulations], terms
    )
    cities: list[CitySearch] = []
    hits: list[CityHit] = []
    for indexed, found in zip(index.regulations, query.hits, strict=True):
        if not found:
            continue
        cities.append(CitySearch(city=indexed.city, title=indexed.title, hits=len(found), notice=indexed.notice))
        extra: dict[str, Any] = {"city": indexed.city, "title": indexed.title, "incomplete": indexed.notice is not None}
        hits += [CityHit(**hit.field_values(), **extra) for hit in found]
    return AllCitiesSearchResult(
        terms=query.cleaned,
        split=query.split,
        searched_as=query.searched_as,
        cities=cities,
        searched=len(index.regulations),
        hits=hits,
    )
