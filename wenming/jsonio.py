"""JSON in and out, by pydantic-core: the cache's entries and the registry read, the answers written.

The json module would do both, but nothing else in a command imports it (a millisecond of every start),
and with an indent it writes in pure Python (milliseconds for a long answer). pydantic-core's public
reader and writer are in Rust. Reading runs no code: it builds dicts, lists, strings, numbers,
booleans and None, nothing else.
"""

from typing import Any

import pydantic_core
from pydantic_core import core_schema

_ANY_JSON = pydantic_core.SchemaValidator(core_schema.any_schema())  # JSON as Python data, unchecked
# Above this size (--city all search's index, 0.8 MB) the json module reads as fast, import included,
# and holds 0.7 MB less at its peak: pydantic-core parses the whole document before making Python objects.
LARGE_JSON_BYTES = 512 * 1024


def loads(text: str | bytes) -> Any:
    """JSON text as Python data; a ValueError where it is not JSON."""
    if len(text) > LARGE_JSON_BYTES:
        import json

        return json.loads(text)
    return _ANY_JSON.validate_json(text)


def dumps(data: Any) -> str:
    """JSON data as the commands print it: indented by two, Chinese as it is."""
    return pydantic_core.to_json(data, indent=2).decode()


def compact(data: Any) -> str:
    """JSON data in one line, Chinese as it is: JSON kept inside an entry (compare's rows)."""
    return pydantic_core.to_json(data).decode()


__all__ = ["LARGE_JSON_BYTES", "compact", "dumps", "loads"]
