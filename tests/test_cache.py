"""The disk cache of the validated regulation: runs no code, never stale, never trusted blindly, never in the way."""

from __future__ import annotations

import datetime
import json
import os
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Literal

import pydantic
import pytest
from pydantic import Field

from wenming import cache
from wenming.datarecord import DataRecord
from wenming.loader import load_regulation, regulation_from_text
from wenming.registry import registry
from wenming.regulation import Regulation

ARTICLE_42 = "本条例自 年 月 日起施行。"  # Article 42 as printed; the tests edit it


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("WENMING_CACHE_DIR", str(directory))
    return directory


def entries(directory: Path) -> list[Path]:
    return sorted(directory.glob("regulation-*.json"))


def same_models(found: Any, expected: Any) -> bool:
    """Equal values and the same classes, all the way down."""
    if isinstance(expected, DataRecord):
        return type(found) is type(expected) and all(
            same_models(getattr(found, name), getattr(expected, name)) for name in type(expected).declared_fields
        )
    if isinstance(expected, (list, tuple)):
        return type(found) is type(expected) and len(found) == len(expected) and all(map(same_models, found, expected))
    if isinstance(expected, dict):
        return found.keys() == expected.keys() and all(same_models(found[key], expected[key]) for key in expected)
    return type(found) is type(expected) and found == expected


def test_round_trip(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    assert cache.fetch(data_text) is None
    cache.store(data_text, regulation)
    found = cache.fetch(data_text)
    assert found is not None and found is not regulation
    assert same_models(found, regulation)
    assert found == regulation and found.data() == regulation.data()
    assert found.meta.history and isinstance(found.meta.history[0].date, datetime.date)
    assert found.cite("22.9").text == "在禁止吸烟场所（区域）吸烟（含电子烟）；"  # cached_property look-ups
    with pytest.raises(AttributeError, match="immutable"):
        found.meta.title = "changed"  # type: ignore[misc]
    [entry] = entries(cache_dir)
    assert json.loads(entry.read_bytes())["key"] == cache.entry_key(data_text.encode())  # plain JSON data
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


def tampered(data: dict[str, Any], how: str) -> dict[str, Any]:
    """An entry's JSON with one thing changed that the code reading it must notice."""
    regulation = data["value"]
    item = regulation["chapters"][2]["articles"][0]["paragraphs"][0]["items"][0]
    if how == "wrong key":
        data["key"] = "0" * 64
    elif how == "old format":
        data["format"] = "wenming-regulation-cache-1"
    elif how == "not a regulation":
        data["value"] = {"schema_version": 1}  # required fields missing
    elif how == "regulation is a list":
        data["value"] = [regulation]
    elif how == "unknown field":
        regulation["meta"]["translator"] = "someone"
    elif how == "text as a number":
        item["text"] = 9
    elif how == "number as text":
        item["number"] = "9"
    elif how == "number as a boolean":
        item["number"] = True
    elif how == "model as text":
        regulation["meta"]["source"] = "2022-06-23"
    elif how == "list as a mapping":
        regulation["chapters"] = {"0": regulation["chapters"][0]}
    elif how == "not a date":
        regulation["meta"]["history"][0]["date"] = "23 June 2022"
    elif how == "literal out of range":
        regulation["schema_version"] = 2
    elif how == "missing required field":
        del item["text"]
    elif how == "null for a model":
        regulation["meta"] = None
    else:
        raise AssertionError(how)
    return data


TAMPERINGS = [
    "wrong key",
    "old format",
    "not a regulation",
    "regulation is a list",
    "unknown field",
    "text as a number",
    "number as text",
    "number as a boolean",
    "model as text",
    "list as a mapping",
    "not a date",
    "literal out of range",
    "missing required field",
    "null for a model",
]


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"\x80\x05garbage", b"[]", b"null", b"[" * 100_000, "truncated", *TAMPERINGS],
)
def test_broken_entry_is_ignored_and_replaced(
    cache_dir: Path, data_text: str, regulation: Regulation, content: bytes | str
) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    good = entry.read_bytes()
    if content == "truncated":
        content = good[: len(good) // 2]
    elif isinstance(content, str):
        content = json.dumps(tampered(json.loads(good), content), ensure_ascii=False).encode()
    assert isinstance(content, bytes)
    entry.write_bytes(content)
    assert cache.fetch(data_text) is None
    cache.store(data_text, regulation_from_text(data_text))  # what load_regulation does on a miss
    assert cache.fetch(data_text) is not None


@pytest.mark.parametrize("how", ["wrong key", "text as a number", "unknown field"])
def test_command_answers_past_a_tampered_entry(cache_dir: Path, tmp_path: Path, data_text: str, how: str) -> None:
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")
    command = [sys.executable, "-m", "wenming", "--data", str(data), "article", "22.9", "--json"]
    subprocess.run(command, capture_output=True, check=True)  # fills the cache
    [entry] = entries(cache_dir)
    entry.write_text(json.dumps(tampered(json.loads(entry.read_bytes()), how)), encoding="utf-8")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "在禁止吸烟场所（区域）吸烟（含电子烟）；" in result.stdout
    assert cache.fetch(data_text) is not None  # replaced by a good entry


class RunsCode:
    """Unpickled, this runs a shell command: what a planted pickle could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (f"touch '{self.marker}'",))


def test_a_planted_pickle_runs_nothing(cache_dir: Path, tmp_path: Path, data_text: str) -> None:
    """Under the entry's name (and the name entries had when they were pickles), a pickle that would
    run code: the command reads neither as anything but data, and answers from the YAML."""
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(RunsCode(proof)))  # the payload is live: unpickled, it runs
    assert proof.exists()

    marker = tmp_path / "marker"
    payload = pickle.dumps(("ignored", RunsCode(marker)))
    data = tmp_path / "regulation.yaml"
    data.write_text(data_text, encoding="utf-8")
    name = cache._entry_path(cache_dir, cache.entry_key(data_text.encode()))
    cache_dir.mkdir(mode=0o700)
    for planted in (name, name.with_suffix(".pickle")):
        planted.write_bytes(payload)
        planted.chmod(0o600)  # the user's own: passes the ownership check, which is not the defence

    command = [sys.executable, "-m", "wenming", "--data", str(data), "article", "22.9", "--json"]
    for _ in range(2):  # over the planted file, then from the entry that replaced it
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert "在禁止吸烟场所（区域）吸烟（含电子烟）；" in result.stdout
        assert not marker.exists()
    assert cache.fetch(data_text) is not None  # the planted file was replaced by a JSON entry
    assert not name.with_suffix(".pickle").exists()  # pickles of the old format are pruned


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_or_link_under_the_entry_name_is_ignored(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    copy = cache_dir / "copy"
    entry.rename(copy)
    entry.symlink_to(copy)  # even to a good entry: the folder's own files only
    assert cache.fetch(data_text) is None
    entry.unlink()
    os.mkfifo(entry, 0o600)  # read without waiting for a writer that never comes
    assert cache.fetch(data_text) is None


def test_entry_others_may_write_is_not_trusted(cache_dir: Path, data_text: str, regulation: Regulation) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    entry.chmod(0o666)  # defence in depth: an entry someone else could have written is not read
    assert cache.fetch(data_text) is None


def test_an_entry_larger_than_an_entry_may_be_is_not_read(
    cache_dir: Path, data_text: str, regulation: Regulation, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.store(data_text, regulation)
    [entry] = entries(cache_dir)
    assert cache.fetch(data_text) is not None
    limit = entry.stat().st_size - 1
    monkeypatch.setattr(cache, "MAX_ENTRY_BYTES", limit)
    limits: list[int] = []  # of each file read (the data files' key too)
    read_all = cache._read_all
    monkeypatch.setattr(cache, "_read_all", lambda *arguments: limits.append(arguments[2]) or read_all(*arguments))
    assert cache.fetch(data_text) is None and limit not in limits  # refused by its size, before a byte is read


def test_a_file_is_read_no_further_than_one_byte_past_its_limit(tmp_path: Path) -> None:
    path = tmp_path / "grown"
    path.write_bytes(b"x" * 300_000)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        # It said it had 10 bytes and has grown: the byte past the limit shows it is too large.
        assert len(cache._read_all(descriptor, 10, 100_000)) == 100_001
    finally:
        os.close(descriptor)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        assert len(cache._read_all(descriptor, 300_000, 1_000_000)) == 300_000  # all of it, within the limit
    finally:
        os.close(descriptor)


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
    kept = cache.kept_entries()  # KEEP_ENTRIES beyond one per shipped regulation
    assert kept == cache.KEEP_ENTRIES + len(registry().cities)
    for edit in range(kept + 3):
        cache.store(data_text + "#" * edit, regulation)
    assert len(entries(cache_dir)) == kept
    assert cache.fetch(data_text + "#" * (kept + 2)) is not None  # the newest stays


def test_command_line_and_loader_agree_on_the_key(cache_dir: Path, tmp_path: Path, data_text: str) -> None:
    data = tmp_path / "regulation.yaml"
    data.write_bytes("\ufeff".encode() + data_text.encode())  # a BOM, as some Windows editors write
    assert cache.cached_regulation(data) is None
    load_regulation(data)
    assert cache.cached_regulation(data) is not None
    data.write_bytes(data_text.encode()[:-1] + b"\xff")  # not UTF-8: matches nothing, the loader refuses it
    assert cache.cached_regulation(data) is None


# --- the models rebuilt from their annotations, whatever their fields are called ---------------------


class Leaf(DataRecord):
    label: str
    weight: float = 1.0


class Node(DataRecord):
    """Every kind of annotation the reader knows, on fields whose names mean nothing to it."""

    name: str
    kind: Literal["a", "b", 3]
    when: datetime.date | None = None
    leaves: list[Leaf] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    either: int | str = 0
    maybe_leaf: Leaf | None = None
    flag: bool = False
    children: list[Node] = Field(default_factory=list)  # a record inside itself


def rebuilt(node: Node) -> Node:
    built = cache._record(Node)(json.loads(json.dumps(node.dump())))
    assert isinstance(built, Node)
    return built


def test_models_are_rebuilt_from_their_annotations() -> None:
    node = Node(
        name="root",
        kind=3,
        when=datetime.date(2022, 6, 23),
        leaves=[Leaf(label="x", weight=2.0), Leaf(label="y")],
        counts={"one": 1},
        either="text",
        maybe_leaf=Leaf(label="z"),
        flag=True,
        children=[Node(name="child", kind="a", either=7)],
    )
    found = rebuilt(node)
    assert same_models(found, node)
    assert found.children[0].dump() == {"name": "child", "kind": "a", "either": 7}  # defaults left out
    with pytest.raises(AttributeError, match="immutable"):
        found.name = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    "data",
    [
        {"name": "n", "kind": "c"},  # not one of the Literal's values
        {"name": "n", "kind": True},  # True == 1, but is not the Literal's 3 or a string
        {"name": "n", "kind": "a", "when": 20220623},
        {"name": "n", "kind": "a", "leaves": [{"label": "x", "colour": "red"}]},
        {"name": "n", "kind": "a", "counts": {"one": "1"}},
        {"name": "n", "kind": "a", "either": 1.5},
        {"name": "n", "kind": "a", "flag": 1},
        {"name": "n", "kind": "a", "children": [{"name": "c"}]},  # a child without its kind
        {"kind": "a"},
    ],
)
def test_data_not_of_the_annotated_shape_is_refused(data: dict[str, Any]) -> None:
    with pytest.raises(Exception):  # noqa: B017 - the reader turns any exception into a miss
        cache._record(Node)(data)


def test_a_field_json_cannot_carry_back_is_not_cached(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, data_text: str, regulation: Regulation
) -> None:
    for annotation in (tuple[int, ...], set[str], dict[int, str], Any, datetime.datetime, bytes):
        with pytest.raises(TypeError):
            cache._converter(annotation)
    # A regulation that would not rebuild to an equal one (a custom serializer, say) is not kept.
    monkeypatch.setattr(cache, "_record_from", lambda model, data: regulation.replace(schema_version=2))
    cache.store(data_text, regulation)
    assert entries(cache_dir) == []


class Tagged(DataRecord):
    inner: Leaf
    tag: Literal["a"]


class OtherTagged(DataRecord):
    inner: Leaf
    tag: Literal["b"]


class Holder(DataRecord):
    choice: Tagged | OtherTagged
    loose: Leaf | Tagged  # a Leaf's data is never a Tagged's, nor the other way


def test_a_union_of_models_is_told_apart_by_its_data() -> None:
    holder = Holder(
        choice=OtherTagged(inner=Leaf(label="x"), tag="b"),  # Tagged is tried first, and builds `inner`
        loose=Tagged(inner=Leaf(label="y"), tag="a"),
    )
    data = json.loads(json.dumps(holder.dump()))
    found = cache._record(Holder)(data)
    assert same_models(found, holder)
    assert data == holder.dump()  # the JSON data is left as it was


def test_a_union_the_data_cannot_decide_is_refused() -> None:
    class Either(DataRecord):
        one: Leaf | Node  # {"label": ...} fits a Leaf only

    assert cache._record(Either)({"one": {"label": "x"}}) == Either(one=Leaf(label="x"))

    class Ambiguous(DataRecord):
        value: int | Literal[1]

    with pytest.raises(Exception):  # noqa: B017 - the reader turns any exception into a miss
        cache._record(Ambiguous)({"value": 1})
