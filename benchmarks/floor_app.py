"""The floor: a one-command typer app, the least any typer CLI pays to start and answer.

It takes the same shape of arguments as a wenming look-up (a positional reference and --json)
and prints a line, so its time is the interpreter plus typer's own import and argument handling.
"""

from __future__ import annotations

import gc
import os
from typing import Annotated

# The benchmark's second floor runs with the process settings of wenming's command: the cyclic GC off
# (before the imports it is about) and everything frozen at exit (gc.freeze: the exit collects nothing).
if os.environ.get("FLOOR_GC") == "off":
    gc.disable()

import typer

app = typer.Typer()  # typer's defaults, as wenming has them (shell completion included)


@app.command()
def lookup(
    reference: Annotated[str, typer.Argument()],
    extra: Annotated[list[str] | None, typer.Argument()] = None,
    json_output: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Echo the reference."""
    typer.echo(f'{{"reference": "{reference}"}}' if json_output else reference)


if __name__ == "__main__":
    try:
        app()
    finally:
        if os.environ.get("FLOOR_GC") == "off":
            gc.freeze()
