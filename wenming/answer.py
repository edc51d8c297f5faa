"""Answers: the result records the commands print, as JSON (--json) or drawn by a view.

An answer is built by wenming's own code from data already validated (the regulation, the national
law, the vocabulary: wenming.datarecord's records, validated by pydantic when read from a file), so it
needs no validation of its own: only fields, defaults, equality and a JSON form. A pydantic model would
give those at a price paid at every start: defining one costs about 0.5 ms (its fields collected and
described), and `fine` alone has some thirty answer classes; writing the first answer as JSON builds a
serializer on top. An Answer class costs about a hundredth of that to define; its JSON is written by
pydantic-core's writer (wenming.jsonio).

Answers are declared as dataclasses are (annotated fields, defaults after the `=`), and mypy checks
their construction (`dataclass_transform`): keyword arguments only. A default made anew for each
record is `field(default_factory=list)`, as in a dataclass. The JSON form has the fields in the order
declared, a base class's first; a record shaped otherwise in JSON (a bare list, a field left out)
says so in `_json`.
"""

from typing import Any, dataclass_transform

from pydantic import Field

from wenming.declared import Declared, field, json_data
from wenming.jsonio import dumps


@dataclass_transform(kw_only_default=True, field_specifiers=(field, Field))
class Answer(Declared):
    """A command's result: keyword fields from its annotations (wenming.declared), compared field by
    field, mutable as a list is."""

    __hash__ = None  # type: ignore[assignment]

    def json_data(self) -> Any:
        """The record as JSON data: dicts, lists, strings, numbers, booleans and None."""
        return self._json({name: json_data(value) for name, value in self.field_values().items()})

    def _json(self, data: dict[str, Any]) -> Any:
        """The JSON form of the record from its fields' (a record shaped otherwise overrides this)."""
        return data

    def json_data_with(self, extra: dict[str, Any]) -> Any:
        """The JSON data with `extra` fields after the answer's own (the regulation it comes from). An
        answer whose JSON is not an object says where its data goes beside them."""
        data = self.json_data()
        if not extra:
            return data
        if not isinstance(data, dict):
            raise TypeError(f"{type(self).__name__}'s JSON is not an object: it must place {', '.join(extra)}")
        return {**data, **extra}

    def json_form(self, whole: bool) -> Any:
        return self.json_data()  # an answer inside an answer; a record quoted in one is whole

    def to_json(self) -> str:
        """The record as JSON text, indented by two, Chinese as it is."""
        return dumps(self.json_data())


__all__ = ["Answer", "field"]
