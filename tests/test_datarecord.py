"""wenming.datarecord: records of the data, validated by pydantic where they come from a file."""

import datetime
from typing import Annotated

import pytest
from pydantic import ConfigDict, Field, StringConstraints, ValidationError

from wenming.datarecord import DataRecord

NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Part(DataRecord):
    number: int = Field(ge=1)
    words: list[NonEmpty] = Field(default_factory=list)


class Whole(DataRecord):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    title: NonEmpty
    parts: list[Part] = Field(min_length=1)
    origin: str | None = Field(default=None, alias="from")
    day: datetime.date | None = None
    low: int = 0
    high: int = 0

    def check(self) -> None:
        if self.low > self.high:
            raise ValueError(f"下限 {self.low} 大于上限 {self.high}")


def test_validated_into_records_with_defaults_aliases_and_dates() -> None:
    whole = Whole.validate({"title": "t", "parts": [{"number": 1}], "from": "甲", "day": "2022-05-01"})
    assert type(whole) is Whole and type(whole.parts[0]) is Part
    assert whole.origin == "甲" and whole.day == datetime.date(2022, 5, 1) and whole.parts[0].words == []


@pytest.mark.parametrize(
    ("data", "place", "message"),
    [
        ({"title": "", "parts": [{"number": 1}]}, ("title",), "at least 1 character"),
        ({"title": "t", "parts": []}, ("parts",), "at least 1 item"),
        ({"title": "t", "parts": [{"number": 0}]}, ("parts", 0, "number"), "greater than or equal to 1"),
        ({"title": "t", "parts": [{"number": 1, "colour": "red"}]}, ("parts", 0, "colour"), "Extra inputs"),
        ({"title": "t", "parts": ["x"]}, ("parts", 0), "valid dictionary or instance of Part"),
        ({"title": "t", "parts": [{"number": 1}], "low": 3, "high": 2}, (), "下限 3 大于上限 2"),
    ],
)
def test_problems_are_pydantic_s_with_their_places(
    data: dict[str, object], place: tuple[object, ...], message: str
) -> None:
    with pytest.raises(ValidationError) as error:
        Whole.validate(data)
    (problem,) = error.value.errors()
    assert problem["loc"] == place and message in problem["msg"]


def test_records_are_immutable_and_compared_by_their_fields() -> None:
    part = Part(number=1)
    with pytest.raises(AttributeError, match="immutable"):
        part.number = 2  # type: ignore[misc]
    assert part == Part(number=1, words=[]) and part != Part(number=2)
    assert part.replace(number=2) == Part(number=2) and part.number == 1


def test_a_default_list_is_each_record_s_own() -> None:
    first, second = Part(number=1), Part(number=2)
    first.words.append("文明")
    assert second.words == []


def test_dump_keeps_what_differs_from_the_defaults_and_construct_rebuilds_it() -> None:
    whole = Whole(title="t", parts=[Part(number=1, words=["文明"])], day=datetime.date(2022, 5, 1))
    dumped = whole.dump()
    assert dumped == {"title": "t", "parts": [{"number": 1, "words": ["文明"]}], "day": "2022-05-01"}
    assert whole.data()["origin"] is None and whole.data()["low"] == 0  # data(): every field
    rebuilt = Whole.construct({**dumped, "parts": [Part.construct(dumped["parts"][0])], "day": whole.day})
    assert rebuilt == whole


def test_unknown_and_missing_fields_are_refused_in_python_too() -> None:
    with pytest.raises(TypeError, match="needs number"):
        Part()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="no field colour"):
        Part(number=1, colour="red")  # type: ignore[call-arg]


class Later(DataRecord):
    # As a module with `from __future__ import annotations` writes them: text, naming a class below.
    parts: "list[Earlier]"
    when: "datetime.date | None" = None


class Earlier(DataRecord):
    number: int


def test_annotations_written_as_text_are_read_once_the_classes_exist() -> None:
    fields = Later.resolved_fields()
    assert fields["parts"].annotation == list[Earlier] and fields["when"].annotation == datetime.date | None
    later = Later.validate({"parts": [{"number": 1}], "when": "2022-05-01"})
    assert later == Later(parts=[Earlier(number=1)], when=datetime.date(2022, 5, 1))


class Tree(DataRecord):
    name: str
    children: "list[Tree]" = Field(default_factory=list)  # a record inside itself


def test_a_record_inside_itself_is_validated() -> None:
    tree = Tree.validate({"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]})
    assert tree == Tree(name="a", children=[Tree(name="b", children=[Tree(name="c")])])
    with pytest.raises(ValidationError) as error:
        Tree.validate({"name": "a", "children": [{"name": "b", "children": [{"colour": "red"}]}]})
    assert {problem["loc"] for problem in error.value.errors()} == {
        ("children", 0, "children", 0, "name"),
        ("children", 0, "children", 0, "colour"),
    }


def test_made_in_code_a_record_is_checked_and_replace_knows_its_fields() -> None:
    with pytest.raises(ValueError, match="下限 3 大于上限 2"):
        Whole(title="t", parts=[Part(number=1)], low=3, high=2)
    with pytest.raises(TypeError, match="no field colour"):
        Part(number=1).replace(colour="red")


def test_a_shared_default_is_refused() -> None:
    with pytest.raises(TypeError, match="default_factory"):

        class Shared(DataRecord):
            items: list[str] = []  # noqa: RUF012 - what is refused
