"""Terminals and pipes, in real processes: a closed pipe, encodings without Chinese, NO_COLOR, TERM=dumb, width."""

from __future__ import annotations

import io
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
        [sys.executable, "-m", "wenming", *args],
        stdout=slave,
        stderr=slave,
        env=environment(**{"COLUMNS": "80", **env}),
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
    # Emacs's shell: TERM=dumb with COLUMNS, which is honoured.
    output = in_terminal("article", "22", TERM="dumb", COLUMNS="50")
    assert "\x1b" not in output and max(cell_len(line) for line in output.splitlines()) == 50


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


@needs_pty
def test_no_color_keeps_bold_and_reverse() -> None:
    # https://no-color.org is about colour: a search's match, in reverse, stays visible.
    output = in_terminal("search", "犬只", TERM="xterm-256color", NO_COLOR="1")
    assert not colours(output) and "\x1b[1;7m" in output


@needs_pty
def test_tty_compatible_0_turns_escapes_off_in_a_terminal() -> None:
    output = in_terminal("article", "22.9", TERM="xterm-256color", TTY_COMPATIBLE="0")
    assert "\x1b" not in output and ITEM_9 in output


def test_force_color_colours_a_pipe() -> None:
    result = wenming("article", "22.9", FORCE_COLOR="1", TERM="xterm-256color")
    assert result.returncode == 0 and colours(result.stdout.decode())
    assert "\x1b" not in wenming("article", "22.9").stdout.decode()


# --- what the hand-written renderer got wrong ------------------------------------------------


def fines_schedule_amounts() -> list[str]:
    """Every treatment of the schedule with an amount, as the view writes it (罚款 2000–5000 元)."""
    schedule = json.loads(runner.invoke(app, ["fines", "--json"], env={"WENMING_DATA": ""}).stdout)
    amounts = []
    for row in schedule["penalties"]:
        for step in row["steps"]:
            low, high = step["fine_min"], step["fine_max"]
            if low is not None:
                amounts.append(f"{low} 元" if low == high else f"{low}–{high} 元")
    return amounts


@pytest.mark.parametrize("columns", ["60", "70", "72"])
def test_fines_shows_every_amount_whole(columns: str) -> None:
    # The hand-written tables cut them: 罚款 100–2, 罚款 2000–; at 70, Article 38 read 罚款 200.
    output = wenming("fines", COLUMNS=columns).stdout.decode()
    lines = output.splitlines()
    assert "罚款 2000–5000 元" in output
    for amount in fines_schedule_amounts():
        assert any(amount in line for line in lines), amount
    assert all(cell_len(line) <= int(columns) for line in lines)


def test_tables_never_cut_an_amount_at_any_width() -> None:
    from wenming.loader import load_regulation
    from wenming.penalty import fine, schedule
    from wenming.render import draw, make_console

    regulation = load_regulation()
    amounts = fines_schedule_amounts()
    for width in range(12, 131):
        console = make_console(file=io.StringIO(), width=width)
        draw(schedule(regulation), console)
        draw(fine(regulation, "shared-vehicles", ["overdue"]), console)
        lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
        assert all(cell_len(line) <= width for line in lines), width
        for amount in amounts:
            # At a few cells' width a list may put 元 on the next line; the number is never cut.
            whole = amount if width >= 30 else amount.removesuffix(" 元")
            assert any(whole in line for line in lines), (width, amount)


def test_english_words_are_not_split() -> None:
    # Was --socia / l-service at 44 columns.
    for columns in ("44", "30", "20"):
        output = wenming("fine", "41", COLUMNS=columns).stdout.decode()
        assert "--social-service" in output.splitlines()[-1] or any(
            "--social-service" in line for line in output.splitlines()
        ), columns
    # Every English word of a narrow view is a word of the same view unwrapped: none was cut in two.
    output = wenming("fine", "smoking", COLUMNS="44").stdout.decode()
    unwrapped = wenming("fine", "smoking", COLUMNS="1000").stdout.decode()
    assert set(re.findall(r"[A-Za-z][A-Za-z-]+", output)) <= set(re.findall(r"[A-Za-z][A-Za-z-]+", unwrapped))


def test_combining_and_zero_width_characters_take_no_cells() -> None:
    from rich.text import Text

    from wenming.render import make_console
    from wenming.render.lines import wrap

    console = make_console(file=io.StringIO(), width=10)
    combining = "e\u0301" * 10  # é as e and a combining acute: ten cells, not twenty
    assert [line.plain for line in wrap(console, Text(combining), 10)] == [combining]
    zero_width = "\u200b".join("文明行为促进")  # zero-width spaces between six wide characters
    assert [line.plain for line in wrap(console, Text(zero_width), 12)] == [zero_width]
    text = "文明行为促进" * 2 + "文明行为" + "e\u0301" * 4  # 32 cells and 4: three lines of 12
    lines = [line.plain for line in wrap(console, Text(text), 12)]
    assert lines == ["文明行为促进", "文明行为促进", "文明行为" + "e\u0301" * 4]


def test_no_line_starts_with_closing_punctuation() -> None:
    from rich.text import Text

    from wenming.render import make_console
    from wenming.render.lines import NO_LINE_START, wrap

    console = make_console(file=io.StringIO(), width=10)
    # Five wide characters fill ten cells; the comma would start the next line, so 行 goes down with it.
    lines = [line.plain for line in wrap(console, Text("文明行为行，促进条例"), 10)]
    assert lines == ["文明行为", "行，促进条", "例"]
    assert not [line for line in lines if line[0] in NO_LINE_START]


def test_a_view_is_chosen_by_the_result_type() -> None:
    from wenming.answer import Answer
    from wenming.render import draw, make_console

    class Stranger(Answer):
        name: str = "x"

    with pytest.raises(TypeError, match="no view draws"):
        draw(Stranger(), make_console(file=io.StringIO()))
