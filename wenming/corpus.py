"""Every shipped regulation (data/registry.json), read one by one: for the commands that span cities.

A small module of its own so that any command reading the whole corpus (compare, --city all search)
reads it the same way: each file from its cache entry where that is fresh, else parsed and validated
(and then cached by the loader). Loading one regulation for the other commands reads none of this.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from wenming import cache
from wenming.paths import shipped
from wenming.registry import CityEntry, registry
from wenming.regulation import Regulation


def shipped_paths() -> list[tuple[CityEntry, Path]]:
    """Each shipped regulation's registry entry and data file, in the registry's order.

    The files are where the registry is (the package's data, else the repository's), as
    `registry().path` finds each: found once here, not with two stats per file (4 ms for forty)."""
    folder = shipped("registry.json").parent
    return [(entry, folder / entry.file) for entry in registry().cities]


def load(path: Path) -> Regulation:
    """One regulation: from its cache entry when fresh, else validated (wenming.loader.DataError if unusable)."""
    cached = cache.cached_regulation(path)
    if cached is not None:
        return cached
    from wenming.loader import load_regulation

    return load_regulation(path)


def each_regulation() -> Iterator[tuple[CityEntry, Regulation]]:
    """Every shipped regulation with its registry entry, loaded lazily one after another."""
    for entry, path in shipped_paths():
        yield entry, load(path)


__all__ = ["each_regulation", "load", "shipped_paths"]
