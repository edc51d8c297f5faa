"""`wenming cities`: the shipped regulations, as the registry lists them (no regulation is loaded)."""

from __future__ import annotations

from typing import Any

from wenming.answer import Answer
from wenming.registry import registry


class CityView(Answer):
    city: str
    title: str
    province: str | None
    adopted: str | None  # ISO dates; null where the source does not say
    approved: str | None
    effective: str | None
    articles: int
    penalties: int
    reviewed: int  # penalties read against the text by a person; the rest are drafts (未经人工核对)
    complete: bool  # false: the source is cut short, and every answer from it says so
    source: str
    default: bool = False  # the regulation a command reads without --city


class CitiesAnswer(Answer):
    cities: list[CityView]


def cities() -> CitiesAnswer:
    chosen = registry()
    views = []
    for entry in chosen.cities:
        fields: dict[str, Any] = {key: value for key, value in entry.as_dict().items() if key != "file"}
        views.append(CityView(**fields, default=entry.city == chosen.default))
    return CitiesAnswer(cities=views)
