"""The command that spans cities: compare."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate, and the command imports its domain
# module when it runs, not when registered.

import os
from typing import Annotated

import typer

from wenming.cli.options import Command, JsonOption
from wenming.cli.output import fail, show
from wenming.cli.state import all_cities, regulation, state
from wenming.errors import WenmingError
from wenming.regulation import incomplete_notice


def compare_command(
    behaviour: Annotated[
        str,
        typer.Argument(
            metavar="KEY",
            help="行为：分类键（dog-leash）、分类名称（携犬出户未束犬链、未挂犬牌等）或说法（遛狗不牵绳）。"
            "A behaviour of the shared taxonomy, by key, name or phrase.",
        ),
    ],
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            metavar="PARTY",
            help="只看对这种当事人的罚则：person（个人、公民）或 organisation（单位、法人或者其他组织）。"
            "Only the fines on this kind of party.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """How the shipped regulations penalise one behaviour (the help is COMPARE_HELP, below)."""
    from wenming.compare import build_index, compare

    notice = None
    try:
        if state.both_given:  # --data with --city: which is meant cannot be told (exit 2)
            regulation()
        if state.city is not None and not all_cities():  # one shipped city: its rows of the index
            from wenming.registry import registry

            city = registry().choose(state.city).city
            result = compare(behaviour, party=party, cities=[city])
        elif state.data_path is not None and not all_cities() and _data_option():  # --data PATH: that file
            chosen = regulation()
            name = chosen.meta.city or chosen.meta.title
            index = build_index([(name, chosen.meta.title, chosen.complete, chosen)])
            result = compare(behaviour, party=party, index=index)
            notice = incomplete_notice(chosen)
        else:  # every shipped regulation, WENMING_DATA or not
            result = compare(behaviour, party=party)
    except WenmingError as error:
        fail(error, json_output)
        return
    show(result, json_output, notice)


def _data_option() -> bool:
    """Whether --data was given on the command line: WENMING_DATA chooses the regulation of a look-up,
    not what compare compares (every shipped regulation)."""
    return str(state.data_path) != os.environ.get("WENMING_DATA", "")


# The help as one string per paragraph: a line break inside Chinese would show as a space.
COMPARE_HELP = (
    "比较各城市的条例如何处罚同一行为：每个城市、每条罚则一行（罚款因当事人而异时各一行），按最高罚款从高到低；"
    "有规定而未设罚则的城市列在其后。Compare how the shipped regulations penalise one behaviour, heaviest fine first."
    "\n\n"
    "默认比较全部随附的条例（也可写 --city all；环境变量 WENMING_DATA 不影响它）；"
    "--city 江门 只看这一个城市，--data PATH 只看这一个文件。"
    "By default every shipped regulation; --city NAME one city, --data PATH one file."
    "\n\n"
    "例 Examples: wenming compare dog-leash ; wenming compare 遛狗不牵绳 --party 单位 ; "
    "wenming compare dog-waste --json ; wenming --city 江门 compare dog-leash"
    "\n\n"
    "退出码 exit codes: 0 有结果（含没有城市涉及）；1 行为分类中没有这一行为；2 写法有歧义、选项无效。"
)

COMMANDS = (Command("compare", compare_command, help=COMPARE_HELP),)
