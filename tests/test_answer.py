"""wenming.answer: the commands' results — fields, defaults, equality, copies and their JSON."""

import datetime
import json
from typing import Any, ClassVar

import pytest

from wenming.answer import Answer, field
from wenming.model import Item


class Inner(Answer):
    name: str
    size: int | None = None


class Outer(Answer):
    title: str
    inner: list[Inner] = field(default_factory=list)
    when: datetime.date | None = None
    limit: ClassVar[int] = 3  # not a field


class Longer(Outer):
    extra: str = "x"


class BareList(Answer):
    entries: list[Inner]

    def _json(self, data: dict[str, Any]) -> Any:
        return data["entries"]


def test_fields_in_declared_order_base_first_class_vars_left_out() -> None:
    assert Longer(title="t").field_values() == {"title": "t", "inner": [], "when": None, "extra": "x"}


def test_a_factory_default_is_made_for_each_record() -> None:
    first, second = Outer(title="a"), Outer(title="b")
    first.inner.append(Inner(name="n"))
    assert second.inner == []


def test_missing_and_unknown_fields_are_refused() -> None:
    with pytest.raises(TypeError, match="needs title"):
        Outer()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="no field colour"):
        Outer(title="t", colour="red")  # type: ignore[call-arg]


def test_equality_is_by_type_and_fields() -> None:
    assert Inner(name="a", size=1) == Inner(name="a", size=1)
    assert Inner(name="a", size=1) != Inner(name="a", size=2)
    assert Outer(title="t") != Longer(title="t")


def test_replace_copies_with_changes_and_leaves_the_original() -> None:
    original = Inner(name="a", size=1)
    assert original.replace(size=2) == Inner(name="a", size=2)
    assert original.size == 1


def test_json_nests_records_lists_dates_and_data_models() -> None:
    record = Longer(title="罚款", inner=[Inner(name="犬只")], when=datetime.date(2022, 5, 1))
    text = record.to_json()
    assert "罚款" in text and '"when": "2022-05-01"' in text  # Chinese unescaped, dates ISO
    assert json.loads(text) == {
        "title": "罚款",
        "inner": [{"name": "犬只", "size": None}],
        "when": "2022-05-01",
        "extra": "x",
    }
    item = Item(number=1, text="文明")
    assert json.loads(Outer(title="t", inner=[item]).to_json()) == {  # type: ignore[list-item]
        "title": "t",
        "inner": [{"number": 1, "text": "文明"}],
        "when": None,
    }


def test_a_record_may_shape_its_own_json() -> None:
    assert json.loads(BareList(entries=[Inner(name="a")]).to_json()) == [{"name": "a", "size": None}]


def test_json_is_indented_by_two() -> None:
    assert Inner(name="a").to_json() == '{\n  "name": "a",\n  "size": null\n}'


def test_a_shared_default_is_refused_and_a_field_declared_again_without_one_is_required() -> None:
    with pytest.raises(TypeError, match="default_factory"):

        class Shared(Answer):
            items: list[str] = []  # noqa: RUF012 - what is refused

    class Again(Inner):
        size: int | None  # type: ignore[misc]

    with pytest.raises(TypeError, match="needs size"):
        Again(name="a")  # type: ignore[call-arg]
