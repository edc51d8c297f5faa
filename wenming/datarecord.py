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
by field; a list or dict default is a factory (`field(default_factory=list)`, this module's, or
pydantic's `Field(default_factory=list)`, which costs 7 µs a call to define), made for each record;
`cached_property` works, as on a model. Records of an index that wenming builds and keeps (compare's,
--city all search's) are never validated: they are made by wenming's code from validated data.
"""

import typing
from typing import Any, ClassVar, Self, dataclass_transform

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler, TypeAdapter
from pydantic_core import core_schema

from wenming.declared import MISSING, Declared, DeclaredField, field, json_data, with_defaults


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(Field, field))
class DataRecord(Declared):
    """A record of data: keyword fields from its annotations (wenming.declared), immutable (its fields
    cannot be assigned), compared field by field. Validated by pydantic where it comes from a file
    (`validate`); checked by its own `check` where wenming's code makes one; rebuilt as it was kept by
    the cache (`construct`)."""

    # The validating model's config (extra="forbid" and so on): a subclass sets its own.
    model_config: ClassVar[ConfigDict] = ConfigDict(extra="forbid", frozen=True)

    def __init__(self, **values: Any) -> None:
        super().__init__(**values)
        self.check()

    @classmethod
    def resolved_fields(cls) -> dict[str, DeclaredField]:
        """The fields, their annotations evaluated: a module with `from __future__ import annotations`
        writes them as text, which can be read only once the module's classes all exist."""
        if any(isinstance(declared.annotation, str) for declared in cls.declared_fields.values()):
            hints = typing.get_type_hints(cls, include_extras=True)
            for name, declared in cls.declared_fields.items():
                if isinstance(declared.annotation, str):
                    declared.annotation = hints[name]
        return cls.declared_fields

    @classmethod
    def construct(cls, values: dict[str, Any]) -> Self:
        """A record from field values already validated (the cache's), not checked again: missing ones get
        their defaults. It takes `values` as its own (the dict becomes the record's)."""
        record = cls.__new__(cls)
        record.__dict__.update(with_defaults(cls, values))
        return record

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: {name} cannot be assigned")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable: {name} cannot be deleted")

    def __hash__(self) -> int:
        return hash((type(self), *(self.__dict__[name] for name in self.declared_fields)))

    def check(self) -> None:
        """Rules across fields, raising ValueError with the message: run when validated, as pydantic's
        after-validator, so that the error has its place in the file."""

    def dump(self) -> dict[str, Any]:
        """JSON data of the fields that differ from their defaults (the rest rebuild as they were)."""
        data = {}
        for name, declared in self.declared_fields.items():
            value = self.__dict__[name]
            if declared.factory is None and declared.default is not MISSING and _same(value, declared.default):
                continue
            if declared.factory is not None and value == declared.factory():
                continue
            data[name] = json_data(value, whole=False)
        return data

    def data(self) -> dict[str, Any]:
        """Every field as JSON data, defaults included (as a model's model_dump(mode="json"))."""
        return {name: json_data(value, whole=True) for name, value in self.field_values().items()}

    def json_form(self, whole: bool) -> dict[str, Any]:
        return self.data() if whole else self.dump()

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
            record = cls.construct({name: getattr(validated, name) for name in cls.declared_fields})
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


def _same(value: Any, default: Any) -> bool:
    return type(value) is type(default) and value == default


def _validating_model(cls: type[DataRecord]) -> type[BaseModel]:
    """The pydantic model that validates `cls`: its fields, defaults, constraints, config and name."""
    model = _models.get(cls)
    if model is None:
        namespace: dict[str, Any] = {
            "__module__": cls.__module__,  # where annotations written as text are read
            "__qualname__": cls.__qualname__,
            "__annotations__": {name: declared.annotation for name, declared in cls.resolved_fields().items()},
            # Built when validation asks for it, not here: a record inside itself would build itself again.
            "model_config": ConfigDict(**cls.model_config, defer_build=True),
        }
        for name, declared in cls.declared_fields.items():
            if declared.info is not None:
                namespace[name] = declared.info
            elif declared.factory is not None:
                namespace[name] = Field(default_factory=declared.factory)
            elif declared.default is not MISSING:
                namespace[name] = declared.default
        model = _models[cls] = type(cls.__name__, (BaseModel,), namespace)
    return model


__all__ = ["DataRecord", "field"]
