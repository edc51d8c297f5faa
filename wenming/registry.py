"""The shipped regulations: which there are, which is the default, and choosing one by a name.

data/registry.json lists every regulation the package ships, with what `wenming cities` shows of it
(generated from the data files by tools/build_registry.py; tests/test_registry.py keeps it current).
It is JSON, read by wenming.jsonio: choosing a city costs no YAML and no validation, and loading one
regulation reads no other.

A name chooses a regulation when it is its city with or without 市/省 (江门, 江门市, 河南省) or its full
title; a name that fits several (济 → 济南, 济宁) or none is an error (exit 2) listing the nearest.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from wenming import jsonio
from wenming.errors import BadInput
from wenming.paths import shipped

ALL = "all"  # --city all: every shipped regulation (search, behaviours, compare)
# The suffixes a city may be named without: 江门 for 江门市, 河南 for 河南省.
_SUFFIXES = ("市", "省", "自治区", "自治州", "地区", "盟")


# The fields of an entry of data/registry.json, in its order.
FIELDS = (
    "city",
    "title",
    "province",
    "adopted",
    "approved",
    "effective",
    "articles",
    "penalties",
    "reviewed",
    "complete",
    "source",
    "file",
)


class CityEntry:
    """One shipped regulation, as `wenming cities --json` prints it (wenming.cities).

    A plain class, not a dataclass, NamedTuple or pydantic model: every command reads the registry to
    find the default regulation, and building any of those costs a millisecond or more of start-up."""

    __slots__ = FIELDS
    city: str
    title: str
    province: str | None
    adopted: str | None  # ISO dates, or null where the source does not say
    approved: str | None
    effective: str | None
    articles: int
    penalties: int
    reviewed: int
    complete: bool
    source: str
    file: str  # the data file, relative to the shipped data folder

    def __init__(self, fields: dict[str, object]) -> None:
        for name in FIELDS:
            object.__setattr__(self, name, fields[name])

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in FIELDS}


class Registry:
    """The registry: the default regulation's city, and every entry. tests/test_registry.py checks the
    file against the data files."""

    __slots__ = ("cities", "default")

    def __init__(self, default: str, cities: tuple[CityEntry, ...]) -> None:
        self.default = default  # the city of the regulation a command reads without --city
        self.cities = cities

    def entry(self, city: str) -> CityEntry:
        return next(entry for entry in self.cities if entry.city == city)

    @property
    def default_entry(self) -> CityEntry:
        return self.entry(self.default)

    def path(self, entry: CityEntry) -> Path:
        return shipped(entry.file)

    def choose(self, name: str) -> CityEntry:
        """The regulation `name` names; BadInput (exit 2) listing the candidates when it is ambiguous or unknown."""
        wanted = name.strip()
        if not wanted:
            raise BadInput("城市名称为空", suggestion=f"例如 --city {self.cities[-1].city}；wenming cities 列出全部")
        exact = [entry for entry in self.cities if wanted in (entry.city, entry.title, _bare(entry.city))]
        if len(exact) == 1:
            return exact[0]
        starting = [entry for entry in self.cities if entry.city.startswith(wanted) or entry.title.startswith(wanted)]
        if len(starting) == 1:
            return starting[0]
        if starting:
            names = "、".join(entry.city for entry in starting)
            raise BadInput(
                f"「{wanted}」可指多个城市：{names}",
                suggestion="写出完整的城市名",
                choices=[{"city": entry.city, "title": entry.title} for entry in starting],
            )
        import difflib  # only for a name that names nothing

        cities = [entry.city for entry in self.cities]
        near = difflib.get_close_matches(wanted, cities, n=3, cutoff=0.3)
        raise BadInput(
            f"没有「{wanted}」的条例",
            suggestion=("最接近的：" + "、".join(near) + "；" if near else "") + "wenming cities 列出全部",
            choices=[{"city": city, "title": self.entry(city).title} for city in near],
        )


def _bare(city: str) -> str:
    for suffix in _SUFFIXES:
        if city.endswith(suffix) and len(city) > len(suffix) + 1:
            return city[: -len(suffix)]
    return city


def default_data_path() -> Path:
    """The default regulation's data file (the registry names it), shipped or in the repository's data/."""
    return registry().path(registry().default_entry)


@cache
def registry() -> Registry:
    """The registry shipped with the package (read once per process)."""
    data = jsonio.loads(shipped("registry.json").read_bytes())
    return Registry(data["default"], tuple(CityEntry(entry) for entry in data["cities"]))
