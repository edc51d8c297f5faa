"""A disk cache of the validated regulation, so that a look-up neither parses YAML nor builds validators.

Importing PyYAML, parsing the file and building pydantic's validators cost more than the rest of a
look-up together. An entry holds the validated `Regulation` as JSON, and is read back without any
validation: pydantic-core's JSON reader (wenming.jsonio), then each record built as its class's fields' annotations
say (wenming.datarecord's `construct`). It lives in WENMING_CACHE_DIR, else $XDG_CACHE_HOME/wenming,
else ~/.cache/wenming.

- Never runs code: an entry is JSON data, read by a parser that builds only str, int, float, bool,
  None, list and dict, then the models and dates the annotations name. Whoever could write the file
  can at most make a wrong regulation, not run anything (pickle, the format before, could).
- Never stale: an entry's name is a hash of the data text, the source of the domain modules that
  built it, and the wenming, Python and pydantic versions; change any of them and it is not found.
- Never trusted blindly: an entry is only written by wenming, from a regulation it validated, and
  only if it rebuilds to an equal one. On reading, one that is not the user's own file,
  or that others may write, is ignored; so is one that is not this key's, or whose data has not the
  models' shape (a missing or unknown field, a value of the wrong JSON type). The rest of validation
  (string patterns, bounds, cross-references) is not run again: that is the time the cache saves.
- Never in the way: a missing, read-only or full folder, or a broken entry, silently means parsing
  the YAML as before.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import hashlib
import os
import stat
import sys
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import pydantic_core

from wenming import __version__, jsonio
from wenming.datarecord import DataRecord
from wenming.paths import MAX_DATA_BYTES
from wenming.regulation import Regulation

# What an entry keeps: a record of data (the regulation, the national law, the vocabulary) or of an
# index over them (compare's, --city all search's).
Kept = TypeVar("Kept", bound=DataRecord)
RecordClass = type[DataRecord]

CACHE_DIR_ENV = "WENMING_CACHE_DIR"
FORMAT = b"wenming-regulation-cache-2"  # bump when what an entry holds changes shape
KEEP_ENTRIES = 4  # one per data file in use (the shipped one, a --data one, ...), not one per edit
# An entry is about the size of the YAML (54 KB for the shipped 60 KB); one larger than this is not read.
MAX_ENTRY_BYTES = 4 * MAX_DATA_BYTES
_RETIRED_ENTRIES = "*.pickle"  # the pickles of wenming-regulation-cache-1: never read, pruned


def _max_bytes(model: RecordClass) -> int:
    """The largest entry kept for `model`: its `cache_max_bytes` ClassVar (an index over every
    regulation, wenming.corpus), else MAX_ENTRY_BYTES."""
    limit = getattr(model, "cache_max_bytes", MAX_ENTRY_BYTES)
    return limit if type(limit) is int else MAX_ENTRY_BYTES


def cache_dir() -> Path | None:
    """The folder for cache entries, or None when there is no home to put it in."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec says relative paths are to be ignored
        return Path(xdg) / "wenming"
    try:
        return Path.home() / ".cache" / "wenming"
    except (RuntimeError, KeyError):  # no HOME and no password entry
        return None


@functools.cache  # once per process: the regulation's entry and the national law's both need it
def _code_fingerprint() -> bytes:
    """The domain modules as they are now: a model or validation edit must not meet an old entry.

    An installed release is covered by its version; this is for a working copy, where the files
    change under the same version. Size and modification time say "changed" at a quarter of the cost
    of reading every module.
    """
    digest = hashlib.sha256()
    with os.scandir(Path(__file__).parent) as entries:
        for module in sorted((entry for entry in entries if entry.name.endswith(".py")), key=lambda entry: entry.name):
            status = module.stat()
            digest.update(f"{module.name}:{status.st_size}:{status.st_mtime_ns}\n".encode())
    return digest.digest()


def _code_digest(start: bytes) -> hashlib._Hash:
    """A digest begun with `start` and what every entry's key shares: the versions and this code."""
    digest = hashlib.sha256(start)
    for part in (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(_code_fingerprint())
    return digest


def entry_key(data: bytes) -> str:
    """The name of the entry for the regulation validated from `data` (UTF-8, no BOM) by this code.

    A regulation is validated against the shared vocabulary (the concepts its behaviours name must be
    there), so the vocabulary file's bytes are part of the key: an edit to it is a new entry."""
    digest = _code_digest(FORMAT)
    digest.update(_vocabulary_bytes())
    digest.update(data)
    return digest.hexdigest()


def _vocabulary_bytes() -> bytes:
    from wenming.paths import vocabulary_path

    return _read(vocabulary_path()) or b""  # no readable vocabulary: the loader will say so


def model_key(texts: Sequence[bytes], model: RecordClass) -> str:
    """The name of the entry for a `model` validated from several files' `texts` together (each
    UTF-8, no BOM): any data other than the regulation, keyed the same way (the national laws)."""
    digest = _code_digest(FORMAT + b"\0" + model.__qualname__.encode())
    for data in texts:  # length first: two files' texts cannot run into each other
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _prefix(model: RecordClass) -> str:
    return "regulation" if model is Regulation else model.__name__.lower()


def _entry_path(directory: Path, key: str, prefix: str = "regulation") -> Path:
    return directory / f"{prefix}-{key[:32]}.json"


def _is_ours(status: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)  # not on Windows, where the folder is the user's own anyway
    if getuid is not None and status.st_uid != getuid():
        return False
    return not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# --- the models from JSON data, without validation ------------------------------------------------
#
# Each record class gets a plan once per process: for each field, a function that checks a JSON value
# against the field's annotation and turns it into the field's value (a record, a list of them, a date
# from its ISO text; str, int, bool and Literal values as they are). It reads the class's
# `resolved_fields()`, so the plan follows the classes wherever their fields go.

_Convert = Callable[[Any], Any]


class _Mismatch(Exception):
    """The entry's data is not what this code writes for the models: the entry is ignored."""


class _Unsupported(TypeError):
    """A field's annotation that the entry format does not carry: such a regulation is not cached."""


class _Plan:
    """How to build one model class from its JSON data. (A plain class: a NamedTuple costs a millisecond
    of every command's start-up to define.)"""

    __slots__ = ("converted", "exact", "names", "required")

    def __init__(
        self,
        names: frozenset[str],
        required: frozenset[str],
        exact: tuple[tuple[str, type], ...],  # fields whose JSON value is the field's value: its type checked
        converted: tuple[tuple[str, _Convert], ...],  # the others: models, lists, dates, Literal, unions
    ) -> None:
        self.names = names
        self.required = required
        self.exact = exact
        self.converted = converted


_plans: dict[RecordClass, _Plan] = {}
_planning: set[RecordClass] = set()  # classes being planned: a model that contains itself
_exact_kinds: dict[_Convert, type] = {}  # the checks made by _exactly, and the type each checks


def _plan_record(model: RecordClass) -> None:
    if model in _plans or model in _planning:
        return
    _planning.add(model)
    try:
        fields = model.resolved_fields()
        converters = {name: _converter(field.annotation) for name, field in fields.items()}
        _plans[model] = _Plan(
            names=frozenset(fields),
            required=frozenset(name for name, field in fields.items() if field.required),
            exact=tuple(
                (name, _exact_kinds[convert]) for name, convert in converters.items() if convert in _exact_kinds
            ),
            converted=tuple((name, convert) for name, convert in converters.items() if convert not in _exact_kinds),
        )
    finally:
        _planning.discard(model)


def _record(model: type[DataRecord]) -> _Convert:
    _plan_record(model)
    construct = model.construct

    def build(value: Any) -> DataRecord:
        if type(value) is not dict:
            raise _Mismatch(model.__name__)
        plan = _plans[model]
        # Fields left out (their defaults, as dump() leaves them out): construct gives them their defaults.
        if not value.keys() >= plan.required or not value.keys() <= plan.names:
            raise _Mismatch(model.__name__)
        for name, kind in plan.exact:  # inline rather than a call each: most fields are text
            if name in value and type(value[name]) is not kind:
                raise _Mismatch(f"{model.__name__}.{name}")
        values = dict(value)  # not converted in place: a union may try the same data as another class
        for name, convert in plan.converted:
            if name in values:
                values[name] = convert(values[name])
        return construct(values)

    return build


def _exactly(kind: type) -> _Convert:
    def check(value: Any) -> Any:
        if type(value) is not kind:  # JSON's own types: bool is not taken for int, nor int for str
            raise _Mismatch(kind.__name__)
        return value

    _exact_kinds[check] = kind
    return check


def _float(value: Any) -> float:
    if type(value) is not float and type(value) is not int:
        raise _Mismatch("float")
    return float(value)


def _date(value: Any) -> datetime.date:
    if type(value) is not str:
        raise _Mismatch("date")
    return datetime.date.fromisoformat(value)  # dump() writes it YYYY-MM-DD


def _literal(allowed: tuple[Any, ...]) -> _Convert:
    pairs = {(type(option), option) for option in allowed}  # Literal[1] takes 1, not True

    def check(value: Any) -> Any:
        if (type(value), value) not in pairs:
            raise _Mismatch(f"Literal{list(allowed)}")
        return value

    return check


def _optional(inner: _Convert) -> _Convert:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)

    return convert


def _union(options: list[_Convert]) -> _Convert:
    def convert(value: Any) -> Any:
        found = []
        for option in options:
            try:
                found.append(option(value))
            except Exception:
                continue
        if len(found) != 1:  # none fits, or the JSON cannot say which was meant
            raise _Mismatch("union")
        return found[0]

    return convert


def _list(item: _Convert) -> _Convert:
    kind = _exact_kinds.get(item)

    def convert(value: Any) -> list[Any]:
        if type(value) is not list:
            raise _Mismatch("list")
        if kind is None:
            return [item(element) for element in value]
        for element in value:  # a list of text: checked, and kept as it is
            if type(element) is not kind:
                raise _Mismatch(kind.__name__)
        return value

    return convert


def _dict(key: _Convert, item: _Convert) -> _Convert:
    def convert(value: Any) -> dict[Any, Any]:
        if type(value) is not dict:
            raise _Mismatch("dict")
        return {key(name): item(element) for name, element in value.items()}

    return convert


_SCALARS: dict[Any, _Convert] = {
    str: _exactly(str),
    int: _exactly(int),
    bool: _exactly(bool),
    float: _float,
    type(None): _exactly(type(None)),
    datetime.date: _date,
}


_converters: dict[Any, _Convert] = {}  # by annotation: the data's 850 fields have 160 annotations


def _converter(annotation: Any) -> _Convert:
    """The converter for a field annotated so; raise _Unsupported for what JSON does not carry back."""
    try:
        return _converters[annotation]
    except KeyError:
        convert = _converters[annotation] = _new_converter(annotation)
        return convert
    except TypeError:  # an annotation that cannot be a key (unhashable metadata): made for each field
        return _new_converter(annotation)


def _new_converter(annotation: Any) -> _Convert:
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Annotated:  # constraints (min_length, pattern) were checked when validated
        return _converter(arguments[0])
    if origin is typing.Literal:
        return _literal(arguments)
    if origin is typing.Union or origin is types.UnionType:
        options = [argument for argument in arguments if argument is not type(None)]
        converters = [_converter(option) for option in options]
        if len(options) < len(arguments):  # X | None
            return _optional(converters[0] if len(converters) == 1 else _union(converters))
        return _union(converters)
    if origin is list and len(arguments) == 1:
        return _list(_converter(arguments[0]))
    if origin is dict and len(arguments) == 2:
        key = _converter(arguments[0])
        if key is not _SCALARS[str] and typing.get_origin(arguments[0]) is not typing.Literal:
            raise _Unsupported(f"dict keys of {arguments[0]!r}")  # JSON writes every key as text
        return _dict(key, _converter(arguments[1]))
    if isinstance(annotation, type) and issubclass(annotation, DataRecord):
        return _record(annotation)
    if origin is None and annotation in _SCALARS:
        return _SCALARS[annotation]
    raise _Unsupported(repr(annotation))


def _record_from(model: type[Kept], data: Any) -> Kept:
    """The `model` the JSON data of its entry (the record's `dump()`) describes."""
    value = _record(model)(data)
    if not isinstance(value, model):  # pragma: no cover - _record builds the class it is given
        raise _Mismatch(model.__name__)
    return value


def records_from(model: type[Kept], data: Any) -> list[Kept] | None:
    """The `model`s a JSON list of their data (as in an entry) describes, built as
    an entry's value is (no validation), or None where the data has not the model's shape: for an entry
    that keeps parts of its value as JSON text, to build only the part a run needs."""
    if type(data) is not list:
        return None
    try:
        return [_record_from(model, item) for item in data]
    except Exception:
        return None


def _entry(key: str, value: DataRecord) -> bytes:
    """The entry for `value` under `key`: raise if it would not rebuild to an equal value."""
    data = value.dump()  # the fields that differ from their defaults
    entry = {"format": FORMAT.decode(), "key": key, "value": data}
    import json  # writing an entry is the cold path: the warm one does without the module

    encoded = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode("utf-8")
    if len(encoded) > _max_bytes(type(value)):
        raise _Unsupported("too large to keep")
    # Whatever the JSON does not carry back (a field type this module does not know) shows here, once
    # per data edit, rather than as a wrong answer later.
    rebuilt = _record_from(type(value), jsonio.loads(encoded)["value"])
    if rebuilt != value:  # field by field, as the answers will read them: a date is not its ISO text
        raise _Unsupported("the value does not rebuild from its JSON")
    return encoded


# --- the folder ---------------------------------------------------------------------------------


def fetch(text: str) -> Regulation | None:
    """The regulation validated from exactly `text` by exactly this code, if the cache has it."""
    return _fetch(entry_key(text.encode("utf-8")), Regulation)


def fetch_record(texts: Sequence[bytes], model: type[Kept]) -> Kept | None:
    """The `model` validated from exactly these files' `texts` by exactly this code, if the cache has it."""
    return _fetch(model_key(texts, model), model)


def _fetch(key: str, model: type[Kept]) -> Kept | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        # Not following a link planted under the entry's name; the user's own only (defence in depth).
        path = _entry_path(directory, key, _prefix(model))
        raw = _read_file(path, _max_bytes(model), flags=getattr(os, "O_NOFOLLOW", 0), ours=True)
        if raw is None:
            return None
        entry = jsonio.loads(raw)
        if type(entry) is not dict or entry.get("format") != FORMAT.decode() or entry.get("key") != key:
            return None
        return _record_from(model, entry["value"])
    except Exception:  # missing, unreadable, truncated, or not the shape this code writes
        return None


def store(text: str, regulation: Regulation) -> None:
    """Keep `regulation`, validated from `text`, for the next process; quietly do nothing if we cannot."""
    _store(entry_key(text.encode("utf-8")), regulation)


def store_record(texts: Sequence[bytes], value: DataRecord) -> None:
    """Keep `value`, validated from these files' `texts`, for the next process (see store)."""
    _store(model_key(texts, type(value)), value)


def _store(key: str, value: DataRecord) -> None:
    directory = cache_dir()
    if directory is None:
        return
    import tempfile

    prefix = _prefix(type(value))
    temporary: str | None = None
    try:
        encoded = _entry(key, value)
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{prefix}-", suffix=".tmp")  # mode 0600
        with os.fdopen(handle, "wb") as output:
            output.write(encoded)
        os.replace(temporary, _entry_path(directory, key, prefix))  # atomic: readers see all of it or none
        temporary = None
        _prune(directory, prefix)
    except Exception:  # read-only, full, or vanished folder: the next run parses the YAML again
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def kept_entries(prefix: str = "regulation") -> int:
    """How many entries of a kind are kept: KEEP_ENTRIES, and for regulations one more per shipped
    regulation too (`--city all` reads them all; pruning to four would validate the rest every run)."""
    if prefix != "regulation":
        return KEEP_ENTRIES
    from wenming.registry import registry

    try:
        return KEEP_ENTRIES + len(registry().cities)
    except Exception:  # no readable registry: the loader will say so elsewhere
        return KEEP_ENTRIES


def _prune(directory: Path, prefix: str = "regulation") -> None:
    """Drop all but the newest few entries of a kind, so that editing the data does not grow the folder."""
    entries = sorted(directory.glob(f"{prefix}-*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in [*entries[kept_entries(prefix) :], *directory.glob(_RETIRED_ENTRIES)]:
        old.unlink(missing_ok=True)


def cached_regulation(path: Path) -> Regulation | None:
    """The cached regulation for the file at `path`, or None for any reason (the loader then decides).

    This reads the file itself rather than through the loader, whose import brings in PyYAML. The key
    is the same as the loader's: the bytes of the text it decodes. Bytes that are not UTF-8 cannot
    match any entry, since entries are only made from text the loader accepted.
    """
    raw = _read(path)
    return None if raw is None else _fetch(entry_key(raw), Regulation)


def read_texts(paths: Sequence[Path]) -> list[bytes] | None:
    """The bytes of each file as an entry is keyed on them, or None where one cannot be read (the loader
    then decides)."""
    texts = [_read(path) for path in paths]
    return None if any(text is None for text in texts) else [text for text in texts if text is not None]


def _read(path: Path) -> bytes | None:
    try:
        raw = _read_file(path, MAX_DATA_BYTES)  # a pipe or device is the loader's to refuse
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return None
    return None if raw is None else raw.removeprefix(codecs.BOM_UTF8)


def _read_file(path: Path, limit: int, *, flags: int = 0, ours: bool = False) -> bytes | None:
    """The bytes of the regular file at `path`, opened without waiting (a FIFO never blocks), or None
    where it is not a regular file, is larger than `limit` (or grows past it as it is read), or, with
    `ours`, is not the user's own or others may write it. OSError where it cannot be opened or read."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > limit or (ours and not _is_ours(status)):
            return None
        raw = _read_all(descriptor, status.st_size, limit)
    finally:
        os.close(descriptor)
    return raw if len(raw) <= limit else None


def _read_all(descriptor: int, size: int, limit: int) -> bytes:
    """The file's bytes, at most `limit` and one more (so that a file grown past the limit is seen to
    be), read for the `size` it said it had, and in pieces of 64 KiB beyond: a buffer of the largest
    allowed size, taken for each file (forty for --city all), cost 50 µs a file."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(descriptor, min(max(size - total + 1, 64 * 1024), limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)
