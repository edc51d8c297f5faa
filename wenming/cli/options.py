"""What the command modules share: the --json option, and how a module lists its commands.

Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so the
annotations here are real objects rather than strings to evaluate (no `from __future__ import annotations`).
"""

from collections.abc import Callable
from typing import Annotated, Any

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON（与屏幕显示同一结果）。Print the result as JSON.")]


class Command:
    """A command as a module offers it; wenming.cli.build.make_app registers it on an app of its own.

    A plain class, not a dataclass: dataclasses (and the inspect module it imports) cost a command
    about 2 ms of start-up (benchmarks/startup.py).
    """

    __slots__ = ("callback", "cls", "help", "name")

    def __init__(
        self,
        name: str,
        callback: Callable[..., Any],
        help: str | None = None,  # else the callback's docstring
        cls: type[Any] | None = None,  # a command class of wenming.cli.help, for help built when asked
    ) -> None:
        self.name = name
        self.callback = callback
        self.help = help
        self.cls = cls


__all__ = ["Command", "JsonOption"]
