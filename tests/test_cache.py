"""The disk cache of the validated regulation: never stale, never trusted blindly, never in the way."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path

import pydantic
import pytest

from wenming import cache
from wenming.loader import load_regulation, regulation_from_text
from wenming.regulation import Regulation

ARTICLE_42 = "本条例自 年 月 日起施行。"  # Article 42 as printed; the tests edit it


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("WENMING_CACHE_DIR", str(directory))
    return directory


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("regulation-*.pickle"))


def test_round_trip(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    assert cache.fetch(data_text) is None
    cache.store(data_text, regulation)
    found = cache.fetch(data_text)
    assert found is not None and found is not regulation
    assert found.model_dump() == regulation.model_dump()
    assert found.cite("22.9").text == "在禁止吸烟场所（区域）吸烟（含电子烟）；"
    [entry] = entries(cache_dir)
    assert entry.stat().st_mode & 0o077 == 0  # the user's own, like the folder
    assert cache_dir.stat().st_mode & 0o077 == 0


def test_edited_data_is_never_served_stale(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    cache.store(data_text, regulation)
    edited = data_text.replace(ARTICLE_42, "本条例自2022年12月1日起施行。")
    assert edited != data_text
    assert cache.fetch(edited) is None
    assert cache.fetch(data_text + "\n") is None  # any change at all, even one that parses the same


def test_command_line_sees_an_edit_at_once(cache_dir: Path, tmp_path: Path, data_text: str) -> None:
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")

    def article_42() -> str:
        command = [sys.executable, "-m", "wenming", "--data", str(data), "article", "42", "--json"]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        return str(json.loads(result.stdout)["paragraphs"][0]["text"])

    assert article_42() == ARTICLE_42
    assert article_42() == ARTICLE_42  # now from the cache
    assert len(entries(cache_dir)) == 1
    data.write_text(data_text.replace(ARTICLE_42, "本条例自2022年12月1日起施行。"), encoding="utf-8")
    assert article_42() == "本条例自2022年12月1日起施行。"


def test_pipe_is_left_to_the_loader(cache_dir: Path, data_text: str) -> None:
    """The cache neither waits on nor consumes a pipe (`--data /dev/stdin`); the loader refuses it."""
    command = [sys.executable, "-m", "wenming", "--data", "/dev/stdin", "article", "42"]
    result = subprocess.run(command, input=data_text, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and "不是普通文件" in result.stderr


@pytest.mark.parametrize(
    "module, attribute, value",
    [(cache, "__version__", "99.0"), (pydantic, "VERSION", "99.0"), (cache, "FORMAT", b"other-format")],
)
def test_key_changes_with_the_code_that_made_the_entry(
    monkeypatch: pytest.MonkeyPatch, data_text: str, module: object, attribute: str, value: object
) -> None:
    before = cache.entry_key(data_text.encode())
    monkeypatch.setattr(module, attribute, value)
    assert cache.entry_key(data_text.encode()) != before


def test_key_changes_with_the_domain_source(monkeypatch: pytest.MonkeyPatch, data_text: str) -> None:
    before = cache.entry_key(data_text.encode())
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: b"model.py as edited")
    assert cache.entry_key(data_text.encode()) != before


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", b"\x80\x05garbage", "truncated", "wrong key", "not a regulation"],
)
def test_broken_entry_is_ignored_and_replaced(
    cache_dir: Path, data_text: str, regulation: Regulation, content: bytes | str
) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    good = entry.read_bytes()
    if content == "truncated":
        content = good[: len(good) // 2]
    elif content == "wrong key":
        content = pickle.dumps(("0" * 64, regulation))
    elif content == "not a regulation":
        content = pickle.dumps((cache.entry_key(data_text.encode()), {"schema_version": 1}))
    assert isinstance(content, bytes)
    entry.write_bytes(content)
    assert cache.fetch(data_text) is None
    cache.store(data_text, regulation_from_text(data_text))  # what load_regulation does on a miss
    assert cache.fetch(data_text) is not None


def test_entry_others_may_write_is_not_trusted(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    entry.chmod(0o666)  # pickle runs code: an entry someone else could have written is not loaded
    assert cache.fetch(data_text) is None


def test_folder_that_cannot_be_made_is_no_obstacle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_text: str, regulation: Regulation
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WENMING_CACHE_DIR", str(blocker / "cache"))
    cache.store(data_text, regulation)  # no exception
    assert cache.fetch(data_text) is None
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")
    assert load_regulation(data).article(22) is not None


def test_unwritable_folder_is_no_obstacle(
    cache_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_text: str
) -> None:
    """A read-only folder as root cannot be made here, so the refusal is simulated where it happens."""

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")
    assert load_regulation(data).article(22) is not None
    assert entries(cache_dir) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_no_obstacle(cache_dir: Path, tmp_path: Path, data_text: str) -> None:
    cache_dir.mkdir()
    cache_dir.chmod(0o500)
    try:
        data = tmp_path / "regulation.yaml"
        data.write_text(data_text, encoding="utf-8")
        assert load_regulation(data).article(22) is not None
        assert entries(cache_dir) == []
        assert list(cache_dir.iterdir()) == []  # no temporary file left behind either
    finally:
        cache_dir.chmod(0o700)


def test_missing_folder_is_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_text: str) -> None:
    directory = tmp_path / "not" / "yet" / "there"
    monkeypatch.setenv("WENMING_CACHE_DIR", str(directory))
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")
    assert load_regulation(data).article(22) is not None
    assert len(entries(directory)) == 1
    assert cache.cached_regulation(data) is not None


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WENMING_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache.cache_dir() == tmp_path / ".cache" / "wenming"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec: ignore relative paths
    assert cache.cache_dir() == tmp_path / ".cache" / "wenming"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "wenming"
    monkeypatch.setenv("WENMING_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch, data_text: str, regulation: Regulation) -> None:
    monkeypatch.delenv("WENMING_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    cache.store(data_text, regulation)
    assert cache.fetch(data_text) is None


def test_old_entries_are_pruned(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    for edit in range(cache.KEEP_ENTRIES + 3):
        cache.store(data_text + "#" * edit, regulation)
    assert len(entries(cache_dir)) == cache.KEEP_ENTRIES
    assert cache.fetch(data_text + "#" * (cache.KEEP_ENTRIES + 2)) is not None  # the newest stays


def test_command_line_and_loader_agree_on_the_key(cache_dir: Path, tmp_path: Path, data_text: str) -> None:
    data = tmp_path / "regulation.yaml"
    data.write_bytes("\ufeff".encode() + data_text.encode())  # a BOM, as some Windows editors write
    assert cache.cached_regulation(data) is None
    load_regulation(data)
    assert cache.cached_regulation(data) is not None
    data.write_bytes(data_text.encode()[:-1] + b"\xff")  # not UTF-8: matches nothing, the loader refuses it
    assert cache.cached_regulation(data) is None
