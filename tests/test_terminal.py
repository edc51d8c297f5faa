"""Terminals and pipes, in real processes: a closed pipe, encodings without Chinese, NO_COLOR, TERM=dumb, width."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from wenming.cli import app

ITEM_9 = "在禁止吸烟场所（区域）吸烟（含电子烟）；"
runner = CliRunner()


# Variables with which rich or Python would decide colour, width or encoding for us.
_DECIDING = {
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "TERM",
    "PYTHONIOENCODING",
}


def environment(**changes: str) -> dict[str, str]:
    """The current environment without anything that would decide colour, width or encoding for us."""
    env = {k: v for k, v in os.environ.items() if k not in _DECIDING}
    env.update({"PYTHONUTF8": "1", "WENMING_DATA": ""}, **changes)
    return env


def wenming(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "wenming", *args], capture_output=True, env=environment(**env), timeout=30, check=False
    )


# --- pipes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_a_reader_that_leaves_ends_the_command_quietly(json_flag: list[str]) -> None:
    # `wenming article 22 | head -1`, with the reader gone before anything is written.
    process = subprocess.Popen(
        [sys.executable, "-m", "wenming", "article", "22", *json_flag],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=30) == 0
    assert stderr == b""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_output_that_cannot_be_written_is_said_plainly(json_flag: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "wenming", "article", "22", *json_flag],
            stdout=full,
            stderr=subprocess.PIPE,
            env=environment(),
            timeout=30,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.decode().startswith("错误：无法写出结果：") and b"Traceback" not in result.stderr


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_an_encoding_without_chinese_gets_a_clear_message(encoding: str) -> None:
    result = wenming("article", "22.9", PYTHONIOENCODING=encoding)
    assert result.returncode == 2 and result.stdout == b""
    stderr = result.stderr.decode(encoding)
    assert f"the output encoding {encoding} cannot show Chinese text; set PYTHONIOENCODING=utf-8" in stderr
    assert "Traceback" not in stderr


def test_an_encoding_without_chinese_still_gets_exact_json() -> None:
    result = wenming("article", "22.9", "--json", PYTHONIOENCODING="ascii")
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("ascii")) == json.loads(
        runner.invoke(app, ["article", "22.9", "--json"]).stdout
    )


def test_an_error_on_an_ascii_terminal_is_escaped_and_explained() -> None:
    result = wenming("article", "43", PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    stderr = result.stderr.decode("ascii")
    assert "\\u6ca1\\u6709" in stderr and "cannot show Chinese text" in stderr and "Traceback" not in stderr


def test_help_on_an_ascii_terminal_is_readable() -> None:
    result = wenming("--help", PYTHONIOENCODING="ascii")
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "Usage: python -m wenming" in result.stdout.decode("ascii") and "\\u6761\\u4f8b" in result.stdout.decode(
        "ascii"
    )


def test_a_chinese_legacy_code_page_shows_the_text() -> None:
    result = wenming("article", "22.9", PYTHONIOENCODING="gbk")
    assert result.returncode == 0 and ITEM_9 in result.stdout.decode("gbk")


# --- colour, dumb terminals and width, in a pseudo-terminal -------------------------------


def in_terminal(*args: str, **env: str) -> str:
    """Run wenming with a pseudo-terminal as its stdout and stderr; what it wrote."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "wenming", *args], stdout=slave, stderr=slave, env=environment(COLUMNS="80", **env)
    )
    os.close(slave)
    output = b""
    try:
        while select.select([master], [], [], 30)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child has closed the terminal
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(master)
        process.wait(timeout=30)
    assert process.returncode == 0
    return output.decode("utf-8")


def colours(output: str) -> set[int]:
    """The colour parameters (foreground, background) of every SGR escape in `output`."""
    found = set()
    for params in re.findall(r"\x1b\[([0-9;]*)m", output):
        found |= {int(p) for p in params.split(";") if p and (30 <= int(p) <= 49 or 90 <= int(p) <= 107)}
    return found


needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")


@needs_pty
def test_a_terminal_gets_colour_unless_no_color_is_set() -> None:
    coloured = in_terminal("article", "22.9", TERM="xterm-256color")
    assert colours(coloured), "the control case: a terminal is coloured"
    plain = in_terminal("article", "22.9", TERM="xterm-256color", NO_COLOR="1")
    assert not colours(plain) and ITEM_9 in plain


@needs_pty
def test_a_dumb_terminal_gets_no_escapes_at_all() -> None:
    output = in_terminal("article", "22.9", TERM="dumb")
    assert "\x1b" not in output and ITEM_9 in output


@pytest.mark.parametrize("columns", ["12", "1", "0"])
def test_a_narrow_terminal_still_shows_every_word(columns: str) -> None:
    result = runner.invoke(app, ["article", "22.9"], env={"COLUMNS": columns, "WENMING_DATA": ""})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert all(cell_len(line.rstrip()) <= 12 for line in lines)
    assert ITEM_9 in "".join(line.strip() for line in lines)


def test_validate_works_in_a_narrow_terminal(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate"], env={"COLUMNS": "12", "WENMING_DATA": ""})
    assert result.exit_code == 0 and "第二十二条第九项" in result.stdout
