"""`wenming --city all search`: every shipped regulation searched at once, from one index.

Reading forty regulations' cache entries one by one costs more than the whole look-up may; the index
keeps what search reads of each (its paragraphs, items and notes: wenming.search.Units) as plain lists
of text in ONE cache entry (wenming.corpus.corpus_model: JSON, keyed on every data file's bytes and
the vocabulary). The terms are read as `search` reads them for the default regulation (its people's
words, 狗 → 犬只, and question words; the shared vocabulary splits a phrase); every city's text is then
searched for the same words. Hits come grouped by city: the default city first, then registry order.
"""

# Real annotations (no `from __future__ import annotations`): the result models are built per run.

from collections.abc import Iterator
from typing import Any, ClassVar

from pydantic import BaseModel

from wenming.corpus import corpus_model
from wenming.registry import CityEntry
from wenming.regulation import Regulation, incomplete_notice
from wenming.search import SearchHit, TermSplit, Units, _Unit, regulation_units, run_query


class IndexedRegulation(BaseModel):
    """One regulation's searchable units, flat (lists of text read back without a model apiece).

    paragraphs: [article, paragraph, citation, text, then per item: number, citation, text].
    notes: [article, note index, part index, citation, note title, part, text, then other provisions].
    """

    city: str
    title: str
    notice: str | None  # the regulation is cut short: what every answer from it says
    paragraphs: list[list[str]]
    notes: list[list[str]]


class SearchIndex(BaseModel):
    """Every shipped regulation's searchable text, in the order of wenming.corpus.files()."""

    # 40 regulations make about 2 MB; the synthetic corpora of the scale study (docs/scale.md) more.
    cache_max_bytes: ClassVar[int] = 512 * 1024 * 1024
    regulations: list[IndexedRegulation]


def _indexed(entry: CityEntry, regulation: Regulation) -> IndexedRegulation:
    units = regulation_units(regulation)
    paragraphs = []
    for paragraph, items in units.paragraphs:
        row = [str(paragraph.key[0]), str(paragraph.key[1]), paragraph.citation, paragraph.text]
        for item in items:
            row += [str(item.key[2]), item.citation, item.text]
        paragraphs.append(row)
    notes = [
        [str(unit.key[0]), str(unit.key[2]), str(unit.key[3]), unit.citation, unit.note or "", part, unit.text, *others]
        for unit, others, part in units.notes
    ]
    return IndexedRegulation(
        city=entry.city, title=entry.title, notice=incomplete_notice(regulation), paragraphs=paragraphs, notes=notes
    )


def build_index(regulations: Iterator[tuple[CityEntry, Regulation]]) -> SearchIndex:
    return SearchIndex(regulations=[_indexed(entry, regulation) for entry, regulation in regulations])


def search_index() -> SearchIndex:
    """The index: from its cache entry, else built from every regulation (validated where not cached)."""
    return corpus_model(SearchIndex, build_index)


def units_of(indexed: IndexedRegulation) -> Units:
    """The units search reads, back from the index's lists."""
    paragraphs: list[tuple[_Unit, list[_Unit]]] = []
    for row in indexed.paragraphs:
        article, number = int(row[0]), int(row[1])
        items = [
            _Unit((article, number, int(row[at]), 0), row[at + 1], "item", article, row[at + 2])
            for at in range(4, len(row), 3)
        ]
        paragraphs.append((_Unit((article, number, 0, 0), row[2], "paragraph", article, row[3]), items))
    notes = []
    for row in indexed.notes:
        article = int(row[0])
        key = (article, 10_000, int(row[1]), int(row[2]))
        notes.append((_Unit(key, row[3], "note", article, row[6], note=row[4]), row[7:], row[5]))
    return Units(paragraphs, notes)


class CityHit(SearchHit):
    """A hit of `--city all search`: the hit, and the regulation it is in."""

    city: str
    title: str
    incomplete: bool = False  # the regulation is cut short (its notice: CitySearch.notice)


class CitySearch(BaseModel):
    """One city's share of the hits."""

    city: str
    title: str
    hits: int
    notice: str | None = None  # the regulation is cut short: what every answer from it says


class AllCitiesSearchResult(BaseModel):
    """The hits in every shipped regulation: grouped by city (default first, then registry order)."""

    terms: list[str]
    split: list[TermSplit] = []
    searched_as: str | None = None
    cities: list[CitySearch]  # the cities with hits, in the order of `hits`
    searched: int  # how many regulations were searched
    hits: list[CityHit]


def search_all(default: Regulation, terms: list[str]) -> AllCitiesSearchResult:
    """Every shipped regulation searched for all `terms`, read with the default regulation's words."""
    index = search_index()
    query = run_query(default, [units_of(indexed) for indexed in index.regulations], terms)
    cities: list[CitySearch] = []
    hits: list[CityHit] = []
    for indexed, found in zip(index.regulations, query.hits, strict=True):
        if not found:
            continue
        cities.append(CitySearch(city=indexed.city, title=indexed.title, hits=len(found), notice=indexed.notice))
        extra: dict[str, Any] = {"city": indexed.city, "title": indexed.title, "incomplete": indexed.notice is not None}
        # Not validated again: the hit was, and the rest is the index's (a few hundred hits per query).
        hits += [CityHit.model_construct(**dict(hit), **extra) for hit in found]
    return AllCitiesSearchResult(
        terms=query.cleaned,
        split=query.split,
        searched_as=query.searched_as,
        cities=cities,
        searched=len(index.regulations),
        hits=hits,
    )
