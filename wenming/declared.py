"""Classes declared by their annotated fields, as dataclasses and pydantic models are, but cheap to define.

The machinery wenming.datarecord (the data's records) and wenming.answer (the commands' results) share:
the fields read from the annotations, a base class's first; their defaults (a value, `Field(...)`'s, or
a factory: `Field(default_factory=list)` or `field(default_factory=list)`); construction by keyword,
refusing unknown and missing fields; equality and repr by field; `replace`; their JSON data
(`json_data`, each class saying what it is in JSON). Defining a pydantic model
or a dataclass costs about half a millisecond at every start (the fields described, methods compiled);
a Declared class about a hundredth of that.
"""

import datetime
from collections.abc import Callable
from typing import Any, ClassVar, Self, dataclass_transform, get_origin

from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

MISSING: Any = object()  # no default: the field is required


class DeclaredField:
    """A field as declared: its annotation, its default (or factory), and pydantic's Field where given."""

    __slots__ = ("annotation", "default", "factory", "info")

    def __init__(self, annotation: Any, default: Any, factory: Callable[[], Any] | None, info: FieldInfo | None):
        self.annotation = annotation
        self.default = default  # MISSING: required (unless there is a factory)
        self.factory = factory
        self.info = info

    @property
    def required(self) -> bool:
        return self.default is MISSING and self.factory is None

    @property
    def alias(self) -> str | None:
        """The field's name in the data file, where it is not the field's (`from`, a Python keyword)."""
        return self.info.alias if self.info is not None else None


class _Factory:
    """A default made by calling `make` for each instance."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], Any]) -> Any:
    """A field whose default is made for each instance (`field(default_factory=list)`), as in a dataclass."""
    return _Factory(default_factory)


class Declared:
    """Keyword fields from the annotations, compared and shown field by field."""

    declared_fields: ClassVar[dict[str, DeclaredField]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.declared_fields)
        namespace = cls.__dict__
        # The class's own annotations (as inspect.get_annotations gives a class's), base classes' first.
        for name, annotation in namespace.get("__annotations__", {}).items():
            if type(annotation) is not type and is_class_var(annotation):  # a plain class is no ClassVar
                continue
            if name in namespace:
                fields[name] = _declared(cls, name, annotation, namespace[name])
                delattr(cls, name)  # each instance holds its own value: the class keeps none
            else:
                fields[name] = DeclaredField(annotation, MISSING, None, None)
        cls.declared_fields = fields

    def __init__(self, **values: Any) -> None:
        _refuse_unknown(type(self), values)
        self.__dict__.update(with_defaults(type(self), values))

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(self.__dict__[name] == other.__dict__[name] for name in self.declared_fields)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self.declared_fields)
        return f"{type(self).__name__}({fields})"

    def field_values(self) -> dict[str, Any]:
        """The fields by name, their values as they are."""
        return {name: self.__dict__[name] for name in self.declared_fields}

    def json_form(self, whole: bool) -> Any:
        """The record as JSON data (`whole`: its defaults too, where the class would leave them out):
        what `json_data` gives for it, inside a list, a dict or another record."""
        raise TypeError(f"{type(self).__name__} has no JSON form")

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes`, as dataclasses.replace (nothing validated or checked)."""
        _refuse_unknown(type(self), changes)
        copy = object.__new__(type(self))
        copy.__dict__.update(self.field_values() | changes)
        return copy


@dataclass_transform(kw_only_default=True, field_specifiers=(field,))
class Value(Declared):
    """A value the engine passes between its steps (how a query resolved, the facts of a step): declared
    and built as a dataclass is, for a hundredth of a dataclass's or a NamedTuple's cost to define.

    Like a plain dataclass, and unlike the NamedTuples these were, a Value is neither immutable nor
    hashable, nor a tuple to unpack: the engine reads its fields by name and compares it field by field."""


def json_data(value: Any, whole: bool = True) -> Any:
    """`value` as JSON data (dicts, lists, strings, numbers, booleans and None): a record as its class's
    `json_form` says, a date as its ISO text, lists, tuples and dicts item by item."""
    if isinstance(value, Declared):
        return value.json_form(whole)
    if isinstance(value, (list, tuple)):
        return [json_data(item, whole) for item in value]
    if isinstance(value, dict):
        return {key: json_data(item, whole) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _declared(cls: type, name: str, annotation: Any, value: Any) -> DeclaredField:
    if isinstance(value, FieldInfo):
        default = MISSING if value.default is PydanticUndefined else value.default
        return DeclaredField(annotation, default, value.default_factory, value)  # type: ignore[arg-type]
    if isinstance(value, _Factory):
        return DeclaredField(annotation, MISSING, value.make, None)
    if isinstance(value, (list, dict, set)):  # one object for every instance
        raise TypeError(f"{cls.__name__}.{name}: a {type(value).__name__} default is shared; use a default_factory")
    return DeclaredField(annotation, value, None, None)


def with_defaults(cls: type[Declared], values: dict[str, Any]) -> dict[str, Any]:
    """`values` with the default of every field not given (a factory's made anew); TypeError where a
    field has none. The dict is filled in place."""
    for name, declared in cls.declared_fields.items():
        if name in values:
            continue
        if declared.factory is not None:
            values[name] = declared.factory()
        elif declared.default is MISSING:
            raise TypeError(f"{cls.__name__} needs {name}")
        else:
            values[name] = declared.default
    return values


def _refuse_unknown(cls: type[Declared], values: dict[str, Any]) -> None:
    unknown = values.keys() - cls.declared_fields.keys()
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")


def is_class_var(annotation: object) -> bool:
    """ClassVar, ClassVar[...], or either written as text (`from __future__ import annotations`)."""
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


__all__ = ["MISSING", "Declared", "DeclaredField", "Value", "field", "is_class_var", "json_data", "with_defaults"]
