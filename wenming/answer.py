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

import datetime
import inspect  # imported by typer and pydantic already
from collections.abc import Callable
from typing import Any, ClassVar, Self, dataclass_transform

from wenming.datarecord import DataRecord, is_class_var, refuse_shared_default
from wenming.jsonio import dumps

_MISSING = object()


class _Factory:
    """A default made by calling `make` for each record."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made for each record (`field(default_factory=list)`), as in a dataclass."""
    return _Factory(default_factory)


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class Answer:
    """A command's result: keyword fields from its annotations, compared field by field."""

    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = list(cls._fields)
        defaults = dict(cls._defaults)
        for name, annotation in inspect.get_annotations(cls).items():
            if is_class_var(annotation):
                continue
            if name not in fields:
                fields.append(name)
            if name in cls.__dict__:
                defaults[name] = cls.__dict__[name]
                refuse_shared_default(cls, name, defaults[name])
            else:  # declared again without a default: required here, whatever a base said
                defaults.pop(name, None)
        cls._fields = tuple(fields)
        cls._defaults = defaults

    def __init__(self, **values: Any) -> None:
        for name in self._fields:
            if name in values:
                value = values.pop(name)
            else:
                value = self._defaults.get(name, _MISSING)
                if value is _MISSING:
                    raise TypeError(f"{type(self).__name__} needs {name}")
                if type(value) is _Factory:
                    value = value.make()
            self.__dict__[name] = value
        if values:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(values)}")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self._fields)

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list is

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__name__}({fields})"

    def field_values(self) -> dict[str, Any]:
        """The fields by name, their values as they are (not converted to JSON data)."""
        return {name: getattr(self, name) for name in self._fields}

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (as dataclasses.replace; nothing checked)."""
        return type(self)(**self.field_values() | changes)

    def json_data(self) -> Any:
        """The record as JSON data: dicts, lists, strings, numbers, booleans and None."""
        return self._json({name: _json_data(getattr(self, name)) for name in self._fields})

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

    def to_json(self) -> str:
        """The record as JSON text, indented by two, Chinese as it is."""
        return dumps(self.json_data())


def _json_data(value: Any) -> Any:
    if isinstance(value, Answer):
        return value.json_data()
    if isinstance(value, (list, tuple)):
        return [_json_data(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_data(item) for key, item in value.items()}
    if isinstance(value, DataRecord):  # a piece of the data, quoted in an answer
        return value.data()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


__all__ = ["Answer", "field"]
