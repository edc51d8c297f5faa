"""A disk cache of the validated regulation, so that a look-up neither parses YAML nor builds validators.

Importing PyYAML, parsing the file and building pydantic's validators cost more than the rest of a
look-up together; a pickle of the validated `Regulation` loads in about a millisecond. It lives in
WENMING_CACHE_DIR, else $XDG_CACHE_HOME/wenming, else ~/.cache/wenming.

- Never stale: an entry's name is a hash of the data text, the source of the domain modules that
  built it, and the wenming, Python and pydantic versions; change any of them and it is not found.
- Never trusted blindly: pickle can run code, so an entry that is not the user's own file, or that
  others may write, is ignored; so is one that does not load or holds something else.
- Never in the way: a missing, read-only or full folder, or a broken entry, silently means parsing
  the YAML as before.
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import pydantic
import pydantic_core

from wenming import __version__
from wenming.paths import MAX_DATA_BYTES
from wenming.regulation import Regulation

Model = TypeVar("Model", bound=pydantic.BaseModel)

try:  # the C unpickler alone: the pickle module around it costs another millisecond to import
    from _pickle import load as _unpickle
except ImportError:  # pragma: no cover - an interpreter without the C accelerator
    from pickle import load as _unpickle

CACHE_DIR_ENV = "WENMING_CACHE_DIR"
FORMAT = b"wenming-regulation-cache-1"  # bump when what is pickled changes shape
KEEP_ENTRIES = 4  # one per data file in use (the shipped one, a --data one, ...), not one per edit


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
    """The domain modules as they are now: a model or validation edit must not meet an old pickle.

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


def entry_key(data: bytes) -> str:
    """The name of the entry for the regulation validated from `data` (UTF-8, no BOM) by this code."""
    digest = hashlib.sha256(FORMAT)
    for part in (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(_code_fingerprint())
    digest.update(data)
    return digest.hexdigest()


def model_key(texts: Sequence[bytes], model: type[pydantic.BaseModel]) -> str:
    """The name of the entry for a `model` validated from several files' `texts` together (each
    UTF-8, no BOM): any other model or data file keyed the same way, e.g. the national laws."""
    digest = hashlib.sha256(FORMAT + b"\0" + model.__qualname__.encode())
    for part in (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__):
        digest.update(part.encode() + b"\0")
    digest.update(_code_fingerprint())
    for data in texts:  # length first: two files' texts cannot run into each other
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def _prefix(model: type[pydantic.BaseModel]) -> str:
    return "regulation" if model is Regulation else model.__name__.lower()


def _entry_path(directory: Path, key: str, prefix: str = "regulation") -> Path:
    return directory / f"{prefix}-{key[:32]}.pickle"


def _is_ours(status: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)  # not on Windows, where the folder is the user's own anyway
    if getuid is not None and status.st_uid != getuid():
        return False
    return not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def fetch(text: str) -> Regulation | None:
    """The regulation validated from exactly `text` by exactly this code, if the cache has it."""
    return _fetch(entry_key(text.encode("utf-8")), Regulation)


def _fetch(key: str, model: type[Model]) -> Model | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        with _entry_path(directory, key, _prefix(model)).open("rb") as handle:
            if not _is_ours(os.fstat(handle.fileno())):
                return None
            stored_key, value = _unpickle(handle)
    except Exception:  # missing, unreadable, truncated, or pickled by code that has since changed
        return None
    if stored_key != key or not isinstance(value, model):
        return None
    return value


def fetch_model(texts: Sequence[bytes], model: type[Model]) -> Model | None:
    """The `model` validated from exactly these files' `texts` by exactly this code, if the cache has it."""
    return _fetch(model_key(texts, model), model)


def store(text: str, regulation: Regulation) -> None:
    """Keep `regulation`, validated from `text`, for the next process; quietly do nothing if we cannot."""
    _store(entry_key(text.encode("utf-8")), regulation)


def store_model(texts: Sequence[bytes], value: pydantic.BaseModel) -> None:
    """Keep `value`, validated from these files' `texts`, for the next process (see store)."""
    _store(model_key(texts, type(value)), value)


def _store(key: str, value: pydantic.BaseModel) -> None:
    directory = cache_dir()
    if directory is None:
        return
    import pickle
    import tempfile

    prefix = _prefix(type(value))
    temporary: str | None = None
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{prefix}-", suffix=".tmp")  # mode 0600
        with os.fdopen(handle, "wb") as output:
            pickle.dump((key, value), output, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, _entry_path(directory, key, prefix))  # atomic: readers see all of it or none
        temporary = None
        _prune(directory, prefix)
    except Exception:  # read-only, full, or vanished folder: the next run parses the YAML again
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _prune(directory: Path, prefix: str = "regulation") -> None:
    """Drop all but the newest few entries, so that editing the data does not grow the folder."""
    entries = sorted(directory.glob(f"{prefix}-*.pickle"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in entries[KEEP_ENTRIES:]:
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
        # Regular files only, opened without waiting: a pipe or device is the loader's to refuse.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            raw = handle.read(MAX_DATA_BYTES + 1)
    except (OSError, ValueError):  # ValueError: a NUL byte in the path
        return None
    if len(raw) > MAX_DATA_BYTES:
        return None
    return raw.removeprefix(codecs.BOM_UTF8)
