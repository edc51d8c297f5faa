"""Every shipped regulation at once: for `--city all` (search, behaviours) and anything else that reads them all.

The API, small on purpose (a command that reads every regulation needs no more):

- `files()`: each shipped regulation's registry entry and data file, the default city first, then
  registry order. Reads only registry.json.
- `regulations()`: each entry with its validated Regulation, in that order: from its own cache entry
  when it has one, else parsed and validated (and cached). Slow for 40 (a cache entry each); meant for
  building an index, or for a command with no speed target.
- `corpus_record(model, build)`: a derived model over the whole corpus (a search index, a comparison
  table) kept as ONE cache entry (wenming.cache's fetch_record/store_record: JSON, runs no code),
  keyed on the bytes of every regulation file, the registry and the shared vocabulary, so that an
  edited, added or removed file rebuilds it. On a miss, `build(regulations())` makes it and it is
  stored. The model must be one the cache can carry (its fields plain data, models, lists, dicts);
  give it a `cache_max_bytes` ClassVar when it may be larger than a regulation's entry.

Loading one regulation (`wenming --city 江门 …`) never comes here: it reads its own file only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from wenming import cache
from wenming.datarecord import DataRecord
from wenming.paths import shipped, vocabulary_path
from wenming.registry import CityEntry, registry

if TYPE_CHECKING:
    from wenming.loader import DataError
    from wenming.regulation import Regulation

Kept = TypeVar("Kept", bound=DataRecord)


class CorpusError(Exception):
    """A shipped regulation that cannot be read or is not valid: `problem` says which and why."""

    def __init__(self, entry: CityEntry, problem: str) -> None:
        super().__init__(f"{entry.city}：{problem}")
        self.entry = entry
        self.problem = problem


def files() -> list[tuple[CityEntry, Path]]:
    """Every shipped regulation's entry and data file: the default first, then the registry's order."""
    chosen = registry()
    ordered = [chosen.default_entry, *(entry for entry in chosen.cities if entry.city != chosen.default)]
    return [(entry, chosen.path(entry)) for entry in ordered]


def read(path: Path, refused: Callable[[DataError], Exception]) -> Regulation:
    """The regulation in the data file at `path`: from its cache entry when fresh, else parsed and validated,
    an unusable file raised as `refused(error)` says. The loader, and PyYAML with it, is imported only on a
    cache miss: its import alone costs more than a cached look-up. Every command's regulation comes here."""
    cached = cache.cached_regulation(path)
    if cached is not None:
        return cached
    from wenming.loader import DataError, load_regulation

    try:
        return load_regulation(path)
    except DataError as error:
        raise refused(error) from None


def load(entry: CityEntry, path: Path) -> Regulation:
    """One shipped regulation: from its cache entry, else validated (CorpusError when it is not valid)."""

    def refused(error: DataError) -> CorpusError:
        problems = error.report().splitlines()
        return CorpusError(entry, problems[0] if problems else str(error))

    return read(path, refused)


def regulations() -> Iterator[tuple[CityEntry, Regulation]]:
    """Every shipped regulation, validated, in the order of files()."""
    for entry, path in files():
        yield entry, load(entry, path)


# The registry is not a data file the loader reads (wenming.paths.MAX_DATA_BYTES): with 3000 regulations
# it is 1.2 MB (docs/scale.md). This many bytes of it are enough for any corpus wenming could read.
MAX_REGISTRY_BYTES = 64 * 1024 * 1024


def corpus_texts() -> list[bytes] | None:
    """The bytes a corpus-wide entry is keyed on: the vocabulary, the registry and every data file
    (None where one cannot be read: nothing is cached then)."""
    texts = cache.read_texts([vocabulary_path(), *(path for _, path in files())])
    try:
        with shipped("registry.json").open("rb") as handle:
            registry_bytes = handle.read(MAX_REGISTRY_BYTES + 1)
    except OSError:
        return None
    if texts is None or len(registry_bytes) > MAX_REGISTRY_BYTES:
        return None
    return [registry_bytes, *texts]


def corpus_record(model: type[Kept], build: Callable[[Iterator[tuple[CityEntry, Regulation]]], Kept]) -> Kept:
    """`model` over every regulation: from its one cache entry, else built from regulations() and stored."""
    texts = corpus_texts()
    if texts is not None:
        found = cache.fetch_record(texts, model)
        if found is not None:
            return found
    value = build(regulations())
    if texts is not None:
        cache.store_record(texts, value)
    return value
