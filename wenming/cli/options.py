"""What the command modules share: the --json option, and how a module lists its commands.

Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so the
annotations here are real objects rather than strings to evaluate (no `from __future__ import annotations`).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

import typer

JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON（与屏幕显示同一结果）。Print the result as JSON.")]


@dataclass(frozen=True)
class Command:
    """A command as a module offers it; wenming.cli.app.make_app registers it on an app of its own."""

    name: str
    callback: Callable[..., Any]
    help: str | None = None  # else the callback's docstring
    cls: type[Any] | None = None  # a command class of wenming.cli.help, for help built when asked


__all__ = ["Command", "JsonOption"]
