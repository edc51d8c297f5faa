"""Help pages as people read them: no typer internals, nothing cut at 80 columns, exit codes named."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from wenming.cli import app
from wenming.cli.build import commands
from wenming.regulation import Regulation

runner = CliRunner()
COMMANDS = commands()
NAMES = [command.name for command in COMMANDS]
# typer's internals as its help pages show them: <bool>, <list[str]>, <path>, {REF}, [[NAME]].
INTERNALS = re.compile(r"<[a-z][a-z\[\]]*>|\{[A-Z]+\}|\[\[")


def help_page(args: list[str], columns: str | None) -> str:
    env = {"COLUMNS": columns} if columns else {}
    result = runner.invoke(app, [*args, "--help"], env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", ["80", None])
@pytest.mark.parametrize("command", ["", *NAMES])
def test_help_shows_no_typer_internals_and_cuts_nothing(command: str, columns: str | None) -> None:
    page = help_page([command] if command else [], columns)
    assert page.startswith(f"Usage: wenming {command}".replace("  ", " "))
    assert not INTERNALS.search(page), INTERNALS.findall(page)
    assert "…" not in page
    assert "退出码 exit codes:" in page


def test_at_80_columns_no_line_is_wider(tmp_path: object) -> None:
    from rich.cells import cell_len

    for command in ["", *NAMES]:
        page = help_page([command] if command else [], "80")
        assert max(cell_len(line) for line in page.splitlines()) <= 80, command


def test_the_top_help_lists_every_command() -> None:
    page = help_page([], "80")
    listed = re.findall(r"^  ([a-z]+)  ", page, flags=re.MULTILINE)
    assert set(NAMES) <= set(listed)


def test_fine_help_lists_the_penalty_keys_with_their_names_from_the_data(regulation: Regulation) -> None:
    page = " ".join(help_page(["fine"], "200").split())
    for penalty in regulation.penalties:
        assert f"{penalty.key} {penalty.name}" in page


def test_fine_help_without_usable_data_still_shows(tmp_path: object) -> None:
    result = runner.invoke(app, ["--data", "/nonexistent.yaml", "fine", "--help"])
    assert result.exit_code == 0 and "Usage: wenming fine" in result.stdout and "VIOLATION keys" not in result.stdout


def test_the_command_table_is_each_modules_commands() -> None:
    """wenming.cli.build.COMMAND_MODULES names each command's module, so that a command line imports only
    that one: the table and the modules' COMMANDS agree, in --help's order."""
    from importlib import import_module

    from wenming.cli.build import COMMAND_MODULES

    for name, module in COMMAND_MODULES:
        assert name in [command.name for command in import_module(f"wenming.cli.{module}").COMMANDS], name
    modules = {module for _, module in COMMAND_MODULES}
    offered = [command.name for module in modules for command in import_module(f"wenming.cli.{module}").COMMANDS]
    assert sorted(offered) == sorted(name for name, _ in COMMAND_MODULES)
