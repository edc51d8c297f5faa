"""The shipped regulations: cities."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate (no `from __future__ import annotations`).

from wenming.cli.options import Command, JsonOption
from wenming.cli.output import fail, show
from wenming.errors import WenmingError


def cities_command(json_output: JsonOption = False) -> None:
    """随附的各城市条例：城市、省、日期、条数、罚则（已核对/全部）、是否完整。The shipped regulations.

    例 Examples: wenming cities ; wenming cities --json ; wenming --city 江门 article 50

    退出码 exit codes: 0。
    """
    from wenming.cities import cities

    try:
        result = cities()
    except WenmingError as error:
        fail(error, json_output)
        return
    show(result, json_output)


COMMANDS = (Command("cities", cities_command),)
