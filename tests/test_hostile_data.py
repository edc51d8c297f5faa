"""Hostile and broken data files: each is refused with exit 2 and a message, never a traceback or a hang.

The files are generated here (none is committed), and every YAML case runs under both
the libyaml parser and PyYAML's pure-Python one, which is used where libyaml is missing.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from wenming import loader
from wenming.cli import app
from wenming.loader import MAX_DEPTH, MAX_FILE_BYTES, MAX_NODES, MAX_PROBLEMS, DataError, read_text
from wenming.loader import regulation_from_text as load_text

runner = CliRunner()


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure-python":
        monkeypatch.setattr(loader, "_YamlLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):  # pragma: no cover - depends on the PyYAML build
        pytest.skip("this PyYAML has no libyaml")
    return str(request.param)


def refused(text: str) -> DataError:
    with pytest.raises(DataError) as caught:
        load_text(text, "hostile.yaml")
    return caught.value


def edited(data_text: str, old: str, new: str) -> str:
    assert old in data_text, old
    return data_text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# --- YAML that must not build anything -------------------------------------------------------


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
        "!!python/name:os.system",
        "!!python/object:builtins.object {{}}",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
        "!!binary aGVsbG8=",
        "!custom value",
    ],
)
def test_tags_are_refused_and_nothing_runs(parser: str, tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "ran"
    error = refused("schema_version: 1\nmeta: " + tagged.format(marker=marker) + "\n")
    assert "标签" in error.problems[0].message and error.problems[0].line == 2
    assert not marker.exists()


def test_a_tag_directive_is_refused(parser: str) -> None:
    error = refused("%TAG !p! tag:yaml.org,2002:python/\n---\na: !p!object/apply:os.system ['true']\n")
    assert "标签" in str(error)


# --- anchors, aliases, bombs -----------------------------------------------------------------

BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
)


def test_a_billion_laughs_is_refused_at_its_first_anchor(parser: str) -> None:
    error = refused(BILLION_LAUGHS)
    assert error.problems[0].line == 1 and "锚点" in error.problems[0].message


def test_a_bomb_of_many_small_aliases_is_refused(parser: str) -> None:
    text = "x: &x 1\n" + "\n".join(f"k{i}: [{', '.join(['*x'] * 50)}]" for i in range(2000))
    assert "锚点" in str(refused(text))


def test_an_alias_inside_a_field_that_expects_a_list_is_refused(parser: str, data_text: str) -> None:
    # Anchor a real list of citations and repeat it where another list is expected.
    text = edited(data_text, "  concerns:\n  - 第三十四条\n", "  concerns: &c\n  - 第三十四条\n")
    text = edited(text, "  concerns:\n  - ", "  concerns: [*c, *c, *c]\n  x:\n  - ")
    [problem] = refused(text).problems
    assert "别名" in problem.message or "锚点" in problem.message  # whichever the file reaches first
    assert problem.line is not None


def test_an_alias_without_anchor_is_refused(parser: str) -> None:
    assert "YAML" in str(refused("a: *nowhere\n"))


# --- duplicate keys at any depth -------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("schema_version: 1\n", "schema_version: 1\nschema_version: 1\n"),  # top level
        ("    issue: ", "    file: x\n    issue: "),  # meta.source
        (
            "min: 50, max: 50}",
            "min: 50, max: 50, min: 5}",
        ),  # penalties[0].steps[1].fine
    ],
)
def test_duplicate_keys_are_refused_at_any_depth(parser: str, data_text: str, old: str, new: str) -> None:
    error = refused(edited(data_text, old, new))
    [problem] = error.problems
    assert "重复" in problem.message and problem.line is not None


def test_a_duplicate_in_a_deep_item_is_refused(parser: str, data_text: str) -> None:
    # The text of 第二十二条第九项 (chapters[2].articles[0].paragraphs[0].items[8]) given twice.
    item = "      - number: 9\n        text: 在禁止吸烟场所（区域）吸烟（含电子烟）；\n"
    error = refused(edited(data_text, item, item + "        text: 吸烟\n"))
    assert error.problems[0].line == line_of(data_text, item) + 2
    assert "「text」重复" in error.problems[0].message


def test_keys_that_read_the_same_are_duplicates(parser: str) -> None:
    assert "重复" in str(refused("1: a\n'1': b\n"))


@pytest.mark.parametrize("text", ["? [1, 2]\n: x\n", "? {a: 1}\n: x\n", "~: x\n", "[a]: x\n"])
def test_a_key_must_be_a_simple_value(parser: str, text: str) -> None:
    assert "键必须是简单值" in str(refused(text))


# --- size and depth --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,  # flow sequences, deeper than any parser's stack should go
        "a: " + "[" * 100_000,  # and never closed
        "a: " + "{a: " * 50_000 + "}" * 50_000,
        "".join(" " * i + "- \n" for i in range(MAX_DEPTH + 5)),  # block sequences
        "".join(" " * i + "a:\n" for i in range(MAX_DEPTH + 5)) + " " * (MAX_DEPTH + 5) + "b",
    ],
)
def test_deep_nesting_is_refused(parser: str, text: str) -> None:
    assert "嵌套" in str(refused(text))


def test_the_shipped_file_is_well_inside_the_bounds(data_text: str) -> None:
    # If the regulation outgrows this margin, raise the bounds (and re-time the hostile cases).
    assert len(data_text.encode()) * 5 < MAX_FILE_BYTES
    nodes = sum(1 for _ in loader._events(data_text))
    assert nodes * 5 < MAX_NODES


def test_too_many_nodes_are_refused(parser: str) -> None:
    text = "\n".join(f"k{i}: {i}" for i in range(MAX_NODES // 2 + 10))  # two nodes a line
    assert len(text.encode()) < MAX_FILE_BYTES  # refused for its nodes, not its size
    assert f"超过 {MAX_NODES} 个" in str(refused(text))


def test_a_huge_number_is_refused(parser: str) -> None:
    for number in ("9" * 100_000, "0x" + "f" * 100_000, "1" + "_0" * 1000, "1" + "0" * 300 + ".5"):
        assert "数字过长" in str(refused(f"schema_version: {number}\n"))


def test_a_huge_scalar_is_only_a_wrong_value(parser: str) -> None:
    error = refused("schema_version: " + "x" * (MAX_FILE_BYTES - 100) + "\n")
    assert any(problem.field == "schema_version" for problem in error.problems)


def test_a_file_of_many_megabytes_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MB on paper, nothing on disk
    with pytest.raises(DataError, match="文件过大"):
        read_text(big)


def test_problems_are_bounded(parser: str) -> None:
    text = "\n".join(f"k{i}: {i}" for i in range(MAX_PROBLEMS * 3))
    error = refused(text)
    assert len(error.problems) == MAX_PROBLEMS + 1
    assert "未列出" in error.problems[-1].message


# --- characters and encodings ----------------------------------------------------------------


def test_a_nul_byte_is_refused_with_its_line(parser: str) -> None:
    error = refused("schema_version: 1\nmeta: 永州\x00\n")
    assert error.problems[0].line == 2 and "U+0000" in error.problems[0].message


@pytest.mark.parametrize("escape", ["\\e[2J", "\\x1b]0;title\\x07", "\\u202e", "\\0", "\\x9e"])
def test_control_characters_written_as_escapes_are_refused(parser: str, data_text: str, escape: str) -> None:
    text = edited(data_text, "  short_name: 公安机关\n", f'  short_name: "公安{escape}机关"\n')
    error = refused(text)
    assert "控制字符" in error.problems[0].message
    assert error.problems[0].line == line_of(data_text, "  short_name: 公安机关\n")


def test_a_byte_order_mark_is_accepted(tmp_path: Path, data_text: str) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + data_text.encode())
    assert load_text(read_text(path), str(path)).article_count == 42


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "latin-1"])
def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path, data_text: str, encoding: str) -> None:
    path = tmp_path / f"{encoding}.yaml"
    path.write_bytes(data_text.encode(encoding, errors="replace"))
    with pytest.raises(DataError, match="不是 UTF-8"):
        read_text(path)


# --- wrong shapes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("schema_version: 1\n", "schema_version: '1'\n", "schema_version", "取值不在允许范围内"),
        ("chapters:\n", "chapters: {}\nx:\n", "chapters", "应为列表"),
        ("  short_name: 公安机关\n", "  short_name: [公安机关]\n", "agencies[1].short_name", "应为字符串"),
        ("  short_name: 公安机关\n", "  short_name:\n", "agencies[1].short_name", "应为字符串"),
        ("min: 50, max: 50}", "min: -50, max: 50}", "penalties[0].steps[1].measures[0].min", "数值过小"),
        ("min: 50, max: 50}", "min: true, max: 50}", "penalties[0].steps[1].measures[0].min", "应为整数"),
    ],
)
def test_wrong_types_name_the_field(parser: str, data_text: str, old: str, new: str, field: str, message: str) -> None:
    error = refused(edited(data_text, old, new))
    assert any(problem.field == field and message in problem.message for problem in error.problems), error.report()


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "- a\n", "just text\n"])
def test_empty_or_shapeless_files_are_refused(parser: str, text: str) -> None:
    assert refused(text).problems


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.yaml"
    path.write_text(" \n\t\n")
    with pytest.raises(DataError, match="文件为空"):
        read_text(path)


# --- paths that are not a readable file ----------------------------------------------------


@contextmanager
def unreadable_file() -> Iterator[Path]:
    """A file its reader has no permission to read, for root too.

    root reads any file, so under root the check runs with the effective user
    switched to nobody (65534) and back; the file sits in a directory nobody may enter.
    """
    with tempfile.TemporaryDirectory() as folder:
        os.chmod(folder, 0o755)
        path = Path(folder) / "secret.yaml"
        path.write_text("schema_version: 1\n")
        path.chmod(0)
        if os.geteuid() != 0:
            yield path
            return
        os.seteuid(65534)
        try:
            yield path
        finally:
            os.seteuid(0)


def test_a_file_without_permission_is_refused() -> None:
    with unreadable_file() as path, pytest.raises(DataError, match="没有读取权限"):
        read_text(path)


def test_a_file_without_permission_via_the_command_line() -> None:
    with unreadable_file() as path:
        result = runner.invoke(app, ["--data", str(path), "article", "22"])
    assert result.exit_code == 2 and "没有读取权限" in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    with pytest.raises(DataError, match="不是普通文件"):
        read_text(fifo)


ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (ROOT, "目录"),
        (ROOT / "missing.yaml", "文件不存在"),
        (ROOT / "data" / "regulation.yaml" / "x", "不是目录"),
    ],
)
def test_paths_that_are_not_a_data_file(path: Path, message: str) -> None:
    with pytest.raises(DataError, match=message):
        read_text(path)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null on this system")
def test_a_device_is_refused() -> None:
    with pytest.raises(DataError, match="不是普通文件"):
        read_text(Path("/dev/null"))


def test_a_path_with_a_nul_byte_is_refused() -> None:
    with pytest.raises(DataError, match="路径无效"):
        read_text(Path("regulation\x00.yaml"))


# --- the command line: exit 2 and a message, never a traceback ---------------------------


HOSTILE_FILES = {
    "duplicate.yaml": "schema_version: 1\nschema_version: 1\n",
    "tag.yaml": "schema_version: !!python/object/apply:os.system ['true']\n",
    "bomb.yaml": BILLION_LAUGHS,
    "deep.yaml": "a: " + "[" * 100_000 + "]" * 100_000,
    "number.yaml": "schema_version: " + "9" * 100_000 + "\n",
    "empty.yaml": "",
    "list.yaml": "- 1\n",
    "controls.yaml": 'schema_version: "\\e[2J"\n',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_the_command_line_refuses_hostile_files(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(HOSTILE_FILES[name], encoding="utf-8")
    result = runner.invoke(app, ["--data", str(path), "article", "22"])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("错误：数据文件无效") and f"wenming validate {path}" in result.stderr
    assert "Traceback" not in result.output and "\x1b" not in result.output
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2 and result.stdout.startswith(str(path))
    assert isinstance(result.exception, SystemExit)


def test_the_command_line_refuses_a_sparse_giant_and_a_directory(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)
    for path, message in ((big, "文件过大"), (tmp_path, "目录")):
        result = runner.invoke(app, ["--data", str(path), "article", "22", "--json"])
        assert result.exit_code == 2 and message in result.stdout and '"error"' in result.stdout


def test_a_file_that_is_fine_on_disk_is_not_left_writable_by_us(tmp_path: Path, data_text: str) -> None:
    # Loading never writes: the file's mode and contents are as they were.
    path = tmp_path / "regulation.yaml"
    path.write_text(data_text, encoding="utf-8")
    path.chmod(stat.S_IRUSR)
    assert runner.invoke(app, ["--data", str(path), "validate"]).exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == stat.S_IRUSR and path.read_text(encoding="utf-8") == data_text
