"""The command line: `wenming` and `python -m wenming`.

Modules, each importing only those before it: state (the data file chosen, the regulation),
output (printing results and errors), help (wenming's help pages), usage (click's usage errors in
Chinese, command lines as people type them), options (what commands share), lookup, penalty, compare,
cities and data (the commands), build (the global options, make_app), startup (main).

`app`, the whole typer app with every command, is built when first asked for: a command line builds
an app of its own with only the command it names (wenming.cli.build.make_app).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from wenming.cli.startup import main

if TYPE_CHECKING:
    import typer

    app: typer.Typer

__all__ = ["app", "main"]


def __getattr__(name: str) -> object:
    if name == "app":
        from wenming.cli.build import make_app

        whole = make_app()
        globals()["app"] = whole  # built once
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
