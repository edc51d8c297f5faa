"""Data records: the shapes of the data files (the regulation, the national law), validated by pydantic.

Every command reads data, and defining a pydantic model costs about half a millisecond at import (its
fields collected and described): the regulation's and the national law's seventy-odd classes were a
third of wenming's start-up beyond typer's own. A DataRecord class is declared as a pydantic model is
(annotations; defaults; `Field(ge=1)`, `Field(min_length=1)`, `Field(alias="from")`; a `check` in place
of an after-validator) and costs about a hundredth of that to define.

pydantic validates records where data comes from a file (`validate`): it builds, once per process and
only then, a model of the same fields, config and name for each record class, and gives records back
(`__get_pydantic_core_schema__`, pydantic's public hook for types of one's own), so its messages and
their places are what a model's would be. Read back from the cache, records are built from data that
was validated when it was written, without validation again (`construct`, used by wenming.cache).

Records are immutable (assigning a field raises; a list in a field is still a list) and compared field
by field; a list or dict default is a factory (`Field(default_factory=list)`), made for each record;
`cached_property` works, as on a model. Records of an index that wenming builds and keeps (compare's,
--city all search's) are never validated: they are made by wenming's code from validated data.
"""

import datetime
import inspect  # imported by typer and pydantic already
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Self, dataclass_transform, get_origin

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined, core_schema

_MISSING: Any = object()


class RecordField:
    """A field as declared: its annotation, its default (or factory), and pydantic's Field where given."""

    __slots__ = ("annotation", "default", "factory", "info")

    def __init__(self, annotation: Any, default: Any, factory: Callable[[], Any] | None, info: FieldInfo | None):
        self.annotation = annotation
        self.default = default  # _MISSING: required (unless there is a factory)
        self.factory = factory
        self.info = info

    @property
    def required(self) -> bool:
        return self.default is _MISSING and self.factory is None

    @property
    def alias(self) -> str | None:
        """The field's name in the data file, where it is not the field's (`from`, a Python keyword)."""
        return self.info.alias if self.info is not None else None


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field,))
class DataRecord:
    """A record of data: keyword fields from its annotations, immutable (its fields cannot be assigned),
    compared field by field. Validated by pydantic where it comes from a file (`validate`); checked by
    its own `check` where wenming's code makes one; rebuilt as it was kept by the cache (`construct`)."""

    # The validating model's config (extra="forbid" and so on): a subclass sets its own.
    model_config: ClassVar[ConfigDict] = ConfigDict(extra="forbid", frozen=True)
    record_fields: ClassVar[dict[str, RecordField]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        fields = dict(cls.record_fields)
        for name, annotation in inspect.get_annotations(cls).items():
            if is_class_var(annotation):
                continue
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, FieldInfo):
                default = _MISSING if value.default is PydanticUndefined else value.default
                fields[name] = RecordField(annotation, default, value.default_factory, value)  # type: ignore[arg-type]
            else:
                fields[name] = RecordField(annotation, value, None, None)
            refuse_shared_default(cls, name, fields[name].default)
            if value is not _MISSING:
                delattr(cls, name)  # each record holds its own value: the class keeps none
        cls.record_fields = fields

    def __init__(self, **values: Any) -> None:
        fields = self.record_fields
        unknown = values.keys() - fields.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        for name, field in fields.items():
            if name not in values:
                values[name] = _default(type(self), name, field)
        self.__dict__.update(values)
        self.check()

    @classmethod
    def resolved_fields(cls) -> dict[str, RecordField]:
        """The fields, their annotations evaluated: a module with `from __future__ import annotations`
        writes them as text, which can be read only once the module's classes all exist."""
        if any(isinstance(field.annotation, str) for field in cls.record_fields.values()):
            hints = typing.get_type_hints(cls, include_extras=True)
            for name, field in cls.record_fields.items():
                if isinstance(field.annotation, str):
                    field.annotation = hints[name]
        return cls.record_fields

    @classmethod
    def construct(cls, values: dict[str, Any]) -> Self:
        """A record from field values already validated (the cache's), not checked again: missing ones get
        their defaults. It takes `values` as its own (the dict becomes the record's)."""
        record = cls.__new__(cls)
        for name, field in cls.record_fields.items():
            if name not in values:
                values[name] = _default(cls, name, field)
        record.__dict__.update(values)
        return record

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: {name} cannot be assigned")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: {name} cannot be deleted")

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(self.__dict__[name] == other.__dict__[name] for name in self.record_fields)

    def __hash__(self) -> int:
        return hash((type(self), *(self.__dict__[name] for name in self.record_fields)))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self.record_fields)
        return f"{type(self).__name__}({fields})"

    def replace(self, **changes: Any) -> Self:
        """A copy with `changes` (not validated: the caller's values are the data's own)."""
        unknown = changes.keys() - self.record_fields.keys()
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        return type(self).construct({name: self.__dict__[name] for name in self.record_fields} | changes)

    def check(self) -> None:
        """Rules across fields, raising ValueError with the message: run when validated, as pydantic's
        after-validator, so that the error has its place in the file."""

    def dump(self) -> dict[str, Any]:
        """JSON data of the fields that differ from their defaults (the rest rebuild as they were)."""
        data = {}
        for name, field in self.record_fields.items():
            value = self.__dict__[name]
            if field.factory is None and field.default is not _MISSING and _same(value, field.default):
                continue
            if field.factory is not None and value == field.factory():
                continue
            data[name] = _json_data(value, whole=False)
        return data

    def data(self) -> dict[str, Any]:
        """Every field as JSON data, defaults included (as a model's model_dump(mode="json"))."""
        return {name: _json_data(self.__dict__[name], whole=True) for name in self.record_fields}

    @classmethod
    def validate(cls, data: Any) -> Self:
        """The record that `data` (from a file) describes; pydantic's ValidationError where it is wrong."""
        adapter = _adapters.get(cls)
        if adapter is None:
            adapter = _adapters[cls] = TypeAdapter(cls)
        record: Self = adapter.validate_python(data)
        return record

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        # A record inside itself (a tree): the inner one refers to the schema being built, by its name.
        ref = f"wenming-record:{cls.__module__}.{cls.__qualname__}"
        if cls in _building:
            return core_schema.definition_reference_schema(ref)
        model = _validating_model(cls)

        def to_record(validated: BaseModel) -> DataRecord:
            record = cls.construct({name: getattr(validated, name) for name in cls.record_fields})
            record.check()
            return record

        _building.add(cls)
        try:
            fields = handler.generate_schema(model)
        finally:
            _building.discard(cls)
        return core_schema.no_info_after_validator_function(to_record, fields, ref=ref)


_adapters: dict[type[DataRecord], TypeAdapter[Any]] = {}
_building: set[type[DataRecord]] = set()  # the classes whose schema is being built
_models: dict[type[DataRecord], type[BaseModel]] = {}


def is_class_var(annotation: object) -> bool:
    """ClassVar, ClassVar[...], or either written as text (`from __future__ import annotations`)."""
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return annotation is ClassVar or get_origin(annotation) is ClassVar


def _default(cls: type, name: str, field: RecordField) -> Any:
    if field.factory is not None:
        return field.factory()
    if field.default is _MISSING:
        raise TypeError(f"{cls.__name__} needs {name}")
    return field.default


def refuse_shared_default(cls: type, name: str, default: Any) -> None:
    """A list, dict or set default would be one object shared by every record: it must be a factory."""
    if isinstance(default, (list, dict, set)):
        raise TypeError(f"{cls.__name__}.{name}: a {type(default).__name__} default is shared; use a default_factory")


def _same(value: Any, default: Any) -> bool:
    return type(value) is type(default) and value == default


def _validating_model(cls: type[DataRecord]) -> type[BaseModel]:
    """The pydantic model that validates `cls`: its fields, defaults, constraints, config and name."""
    model = _models.get(cls)
    if model is None:
        namespace: dict[str, Any] = {
            "__module__": cls.__module__,  # where annotations written as text are read
            "__qualname__": cls.__qualname__,
            "__annotations__": {name: field.annotation for name, field in cls.resolved_fields().items()},
            # Built when validation asks for it, not here: a record inside itself would build itself again.
            "model_config": ConfigDict(**cls.model_config, defer_build=True),
        }
        for name, field in cls.record_fields.items():
            if field.info is not None:
                namespace[name] = field.info
            elif field.default is not _MISSING:
                namespace[name] = field.default
        model = _models[cls] = type(cls.__name__, (BaseModel,), namespace)
    return model


def _json_data(value: Any, whole: bool) -> Any:
    if isinstance(value, DataRecord):
        return value.data() if whole else value.dump()
    if isinstance(value, (list, tuple)):
        return [_json_data(item, whole) for item in value]
    if isinstance(value, dict):
        return {key: _json_data(item, whole) for key, item in value.items()}
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


__all__ = ["DataRecord", "RecordField", "is_class_var", "refuse_shared_default"]
