"""The typer app: its global options, and the factory that registers all commands or just one.

Exit codes: 0 found; 1 nothing found; 2 usage error, ambiguous input or unusable data file.

A command line builds an app of its own with make_app(), importing only the module of the command it
names; `wenming.cli.app` is the whole app (tests, tools and shell completion), built when first asked.
"""

# Start-up (benchmarks/startup.py): typer reads the global options' signature on every run, so the
# annotations here are real objects rather than strings to evaluate (no `from __future__ import annotations`).

from importlib import import_module
from pathlib import Path
from typing import Annotated

import typer

from wenming import __version__
from wenming.cli.help import HelpCommand
from wenming.cli.options import Command
from wenming.cli.state import choose
from wenming.cli.usage import Commands

EXIT_CODES_HELP = (
    "退出码 exit codes: 0 找到 found；1 没有找到 nothing found；2 用法错误或数据文件无效 usage error or invalid data。"
)

APP_HELP = (
    "《永州市文明行为促进条例》条文与罚则查询。Look up the Yongzhou Civilized Behaviour Promotion Regulation.\n\n"
    + EXIT_CODES_HELP
)

# Every command and the module of wenming.cli that defines it, in the order --help lists them: a command
# line that names one imports only its module (benchmarks/startup.py). tests/test_help.py checks this
# table against each module's COMMANDS.
COMMAND_MODULES: tuple[tuple[str, str], ...] = (
    ("article", "lookup"),
    ("chapter", "lookup"),
    ("contents", "lookup"),
    ("toc", "lookup"),
    ("behaviours", "lookup"),
    ("search", "lookup"),
    ("fine", "penalty"),
    ("fines", "penalty"),
    ("agency", "penalty"),
    ("compare", "compare"),
    ("cities", "cities"),
    ("validate", "data"),
    ("import", "data"),
)
COMMAND_NAMES = tuple(name for name, _ in COMMAND_MODULES)


def commands(only: str | None = None) -> tuple[Command, ...]:
    """Every command (importing every command module), or only the one named `only` (its module alone)."""
    wanted = [(name, module) for name, module in COMMAND_MODULES if only is None or name == only]
    modules = {module: import_module(f"wenming.cli.{module}") for module in dict.fromkeys(m for _, m in wanted)}
    by_name = {command.name: command for module in modules.values() for command in module.COMMANDS}
    return tuple(by_name[name] for name, _ in wanted)


# The global options that take a value: a command line names its command after them and their values.
GLOBAL_VALUE_OPTIONS = ("--data", "--city")


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"wenming {__version__}")
        raise typer.Exit()


def _global_options(
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="PATH",
            help="使用另一个同格式的条例数据文件（也可用环境变量 WENMING_DATA）；可写在命令之前或之后。"
            "Use another regulation file, before or after the command.",
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            metavar="NAME",
            help="查另一个城市的条例：城市名（江门、江门市、河南省）或条例全称（也可用环境变量 WENMING_CITY）；"
            "all 用于 search、behaviours、compare；wenming cities 列出全部。Another city's regulation.",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="显示版本。Show the version."),
    ] = False,
) -> None:
    choose(data, city)


def make_app(only: str | None = None) -> typer.Typer:
    """A new app with every command, or with only the one named `only` (its global options all the same).

    Start-up (benchmarks/startup.py): typer makes a click command of every registered command at every
    run (0.8 ms for ten); a command line that names one needs only that one.
    """
    app = typer.Typer(
        cls=Commands,
        name="wenming",
        help=APP_HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
    )
    app.callback()(_global_options)
    for command in commands(only):
        app.command(command.name, help=command.help, cls=command.cls or HelpCommand)(command.callback)
    return app


__all__ = ["COMMAND_MODULES", "COMMAND_NAMES", "EXIT_CODES_HELP", "GLOBAL_VALUE_OPTIONS", "commands", "make_app"]
