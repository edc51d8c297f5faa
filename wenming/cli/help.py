"""Help pages as people read them: wenming's own layout, the same whatever typer draws.

typer's own help shows its internals (<bool>, <list[str]>, {REF}, [[NAME]]) and cuts lines with …
at 80 columns, differently from one release to the next. Here the usage line, the help text and a
section for the arguments, the options and the commands are drawn from click's documented command
attributes (params, help, metavar, opts, required) and wrapped, never cut, by rich to the terminal's
width (counting a Chinese character as two columns). rich is imported only when help is asked for.
"""

import re
import shutil
import sys
from collections.abc import Iterable
from typing import Any

from typer.core import TyperCommand, TyperGroup

MAX_WIDTH = 100  # wider terminals get 100-column pages: long lines are hard to read
MIN_WIDTH = 40


# Chinese punctuation followed by English: a place to break the line (rich breaks at spaces only).
# A pattern string, compiled (and cached by re) only when help is drawn.
_CHINESE_THEN_LATIN = r"([。；：，）])(?=[A-Za-z])"


def _paragraphs(text: str | None) -> list[str]:
    """The docstring's paragraphs (blank-line separated), each one line as click rewraps them."""
    import inspect

    cleaned = inspect.cleandoc(text or "")
    return [
        re.sub(_CHINESE_THEN_LATIN, r"\1 ", " ".join(line.strip() for line in block.splitlines()))
        for block in cleaned.split("\n\n")
        if block.strip()
    ]


def _argument_name(param: Any) -> str:
    name = str(param.metavar or param.name.upper()).strip("[]")
    if param.nargs != 1:
        name += "..."
    return name


def usage_line(command: Any, ctx: Any) -> str:
    """`wenming article [OPTIONS] REF`: optional arguments in brackets, repeated ones with …"""
    pieces = [ctx.command_path, "[OPTIONS]"]
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") == "argument":
            name = _argument_name(param)
            pieces.append(name if param.required else f"[{name}]")
    if isinstance(command, TyperGroup):
        pieces.append("COMMAND [ARGS]...")
    return " ".join(pieces)


def _option_name(param: Any) -> str:
    names = ", ".join([*param.opts, *param.secondary_opts])
    if not (param.is_flag or param.count):
        names += f" {param.metavar or 'VALUE'}"
    return names


def _rows(command: Any, ctx: Any, kind: str) -> list[tuple[str, str]]:
    rows = []
    for param in command.get_params(ctx):
        if getattr(param, "param_type_name", "") != kind or getattr(param, "hidden", False):
            continue
        if kind == "argument":
            name = _argument_name(param)
            help_text = " ".join(_paragraphs(getattr(param, "help", None)))
            if param.required:
                help_text += " [必需 required]"
        else:
            name = _option_name(param)
            help_text = " ".join(_paragraphs(param.help))
        rows.append((name, help_text))
    return rows


def _command_rows(group: Any, ctx: Any) -> list[tuple[str, str]]:
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        paragraphs = _paragraphs(command.help)
        rows.append((name, paragraphs[0] if paragraphs else ""))
    return rows


def render(command: Any, ctx: Any, extra: Iterable[tuple[str, list[tuple[str, str]]]] = ()) -> str:
    """The help page of `command` as text: usage, help paragraphs, then its sections."""
    from rich.console import Console, Group
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    width = max(MIN_WIDTH, min(MAX_WIDTH, shutil.get_terminal_size().columns))
    console = Console(width=width, color_system=None, highlight=False, markup=False, emoji=False, record=False)
    parts: list[Any] = [Text(f"Usage: {usage_line(command, ctx)}"), Text("")]
    for paragraph in _paragraphs(command.help):
        parts += [Padding(Text(paragraph), (0, 0, 0, 1)), Text("")]
    sections = [("Arguments 参数", _rows(command, ctx, "argument")), ("Options 选项", _rows(command, ctx, "option"))]
    if isinstance(command, TyperGroup):
        sections.append(("Commands 命令", _command_rows(command, ctx)))
    for title, rows in [*sections, *extra]:
        if not rows:
            continue
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column(overflow="fold")
        for name, text in rows:
            table.add_row(name, text)
        parts += [Text(f"{title}:"), Padding(table, (0, 0, 0, 2)), Text("")]
    with console.capture() as captured:
        console.print(Group(*parts))
    return "\n".join(line.rstrip() for line in captured.get().rstrip().splitlines())


def _show_help(ctx: Any, param: Any, value: bool) -> None:
    """--help: the page, written to sys.stdout as it is configured (click's echo would pick its own
    encoding for an ASCII terminal, where wenming's streams escape what they cannot show)."""
    if not value or ctx.resilient_parsing:
        return
    sys.stdout.write(ctx.get_help() + "\n")
    ctx.exit()


def _help_option(option: Any) -> Any:
    if option is not None:
        option.callback = _show_help
    return option


class HelpCommand(TyperCommand):
    """A command whose --help is wenming's page; `help_sections` adds sections built when help is asked."""

    def help_sections(self, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
        return []

    def get_help(self, ctx: Any) -> str:
        return render(self, ctx, self.help_sections(ctx))

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_line(self, ctx).split(" ")[len(ctx.command_path.split(" ")) :]


class HelpGroup(TyperGroup):
    """The command group, with wenming's help page."""

    def get_help(self, ctx: Any) -> str:
        return render(self, ctx)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_line(self, ctx).split(" ")[len(ctx.command_path.split(" ")) :]


__all__ = ["HelpCommand", "HelpGroup", "render", "usage_line"]
