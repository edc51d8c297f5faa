"""wenming.jsonio: JSON read and written by pydantic-core (the json module for a large entry)."""

import pytest

from wenming import jsonio


def test_json_is_read_alike_small_or_large() -> None:
    small = {"条": [1, 2.5, "犬只", None, True, {"款": {}}]}
    large = {"rows": ["第二十二条第九项" * 10] * (jsonio.LARGE_JSON_BYTES // 200)}
    for data in (small, large):
        assert jsonio.loads(jsonio.compact(data).encode()) == data == jsonio.loads(jsonio.dumps(data))
    with pytest.raises(ValueError):
        jsonio.loads(b"{not json")
