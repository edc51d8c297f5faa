"""Data-file commands: validate."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate (no `from __future__ import
# annotations`), and each command imports its domain module when it runs, not when registered.

from pathlib import Path
from typing import Annotated

import typer

from wenming.cli.options import Command, JsonOption
from wenming.cli.output import fail, show
from wenming.cli.state import state
from wenming.errors import EXIT_USAGE, BadInput
from wenming.paths import default_data_path


def validate(
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH",
            help="要检查的数据文件（默认：--data、WENMING_DATA 或随附的条例）。The file to check.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="不接受未经人工核对的草稿罚则。Refuse penalties still marked draft."),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """检查条例数据文件：有效则显示摘要（含未经人工核对的草稿数），否则列出每个问题（退出码 2）。
    Check a regulation data file.

    例 Examples: wenming validate ; wenming validate draft.yaml --json ; wenming validate draft.yaml --strict

    退出码 exit codes: 0 有效 valid（草稿列为警告）；2 无效、不存在，或 --strict 时有草稿 invalid, missing, or drafts
    under --strict。
    """
    if path is not None and not path.strip():  # Path("") would quietly mean the current folder
        fail(BadInput("数据文件路径为空", suggestion="例如 wenming validate draft.yaml"), json_output)
    from wenming.datacheck import check_data_file  # the loader and PyYAML: only this command needs them

    chosen = Path(path) if path is not None else state.data_path or default_data_path()
    report = check_data_file(chosen, strict=strict)
    show(report, json_output)
    if not report.valid:
        raise typer.Exit(EXIT_USAGE)


COMMANDS = (Command("validate", validate),)
