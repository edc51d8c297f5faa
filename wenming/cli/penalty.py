"""Penalty commands: fine, fines, agency."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate (no `from __future__ import
# annotations`), and each command imports its domain module when it runs, not when registered.

from typing import Annotated, Any

import typer

from wenming.cli.help import HelpCommand
from wenming.cli.options import Command, JsonOption
from wenming.cli.output import run
from wenming.cli.state import regulation
from wenming.errors import WenmingError

# Short flags for the circumstance keys most regulations word (the parameters below): aliases of
# `--when KEY`, which takes any circumstance a regulation names, by its key or its Chinese name.
CIRCUMSTANCE_FLAGS = ("refused", "overdue", "serious", "repeat")


def fine_command(
    violation: Annotated[
        str,
        typer.Argument(
            metavar="VIOLATION",
            help="违法行为：键（smoking）、名称或俗称（遛狗不牵绳）、行为条文（22.9、第三十二条第四款）。"
            "Key, name, alias or citation of the behaviour.",
        ),
    ],
    when: Annotated[
        list[str] | None,
        typer.Option(
            "--when",
            metavar="NAME",
            help="情形（可重复）：条例所写的名称（拒不改正、情节严重）或键（refused）；见下方本条例的情形。"
            "A circumstance the regulation names, by name or key (repeatable).",
        ),
    ] = None,
    refused: Annotated[bool, typer.Option("--refused", help="拒不改正。Refused to correct.")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="逾期不改正。Not corrected in time.")] = False,
    serious: Annotated[bool, typer.Option("--serious", help="情节严重。Serious circumstances.")] = False,
    repeat: Annotated[bool, typer.Option("--repeat", help="再次违反。Repeat violation.")] = False,
    social_service: Annotated[
        bool,
        typer.Option(
            "--social-service",
            help="第四十一条：申请、参加并完成社会服务，经认定。Completed a recognised social-service assignment.",
        ),
    ] = False,
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            metavar="PARTY",
            help="当事人：person（公民、个人）或 organisation（法人或者其他组织、单位）。Whom the fine is on.",
        ),
    ] = None,
    amount: Annotated[
        int | None,
        typer.Option(
            "--amount",
            metavar="N",
            min=0,
            help="拟处罚款数额（元）：核对本档范围，填入决定书用语，并说明可否当场处罚。The fine in yuan.",
        ),
    ] = None,
    reduce: Annotated[
        str | None,
        typer.Option(
            "--reduce",
            metavar="GROUND",
            help="行政处罚法第三十条、第三十二条的从轻或者减轻依据（如 coerced、minor-14-18）。"
            "A ground of national law for a lower fine.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """罚则：这一违法行为在给定情形下的处罚、执法机关、依据和行政处罚法程序。What the regulation imposes, by
    whom, why, and the procedure of the Administrative Penalty Law.

    例 Examples: wenming fine smoking --refused ; wenming fine 遛狗不牵绳 --refused --social-service ;
    wenming fine 22.9 --serious --json ; wenming fine 第三十八条 --overdue --party 单位 --amount 3000

    退出码 exit codes: 0 有答案（含本条例未设罚则、条件不满足）；1 没有这一违法行为；2 写法有歧义、选项无效。
    """
    from wenming.lawbook import load_lawbook
    from wenming.penalty import fine

    # Flag -> the circumstance key it is short for; the domain checks the regulation names it.
    given = dict(zip(CIRCUMSTANCE_FLAGS, (refused, overdue, serious, repeat), strict=True))
    circumstances = [key for key, on in given.items() if on] + list(when or [])
    run(
        lambda regulation: fine(
            regulation,
            violation,
            circumstances,
            social_service,
            laws=load_lawbook,
            party=party,
            amount=amount,
            reduce=reduce,
        ),
        json_output,
    )


def fines_command(json_output: JsonOption = False) -> None:
    """罚则一览：全部罚则、依据、执法机关和各档罚款。The whole penalty schedule.

    例 Examples: wenming fines ; wenming fines --json

    退出码 exit codes: 0；2 数据文件无效。
    """
    from wenming.penalty import schedule

    run(schedule, json_output)


def agency_command(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            help="执法机关：键、名称、简称或俗称（公安、城管）；省略则列出全部。Agency key, name or alias.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """执法机关：各机关执行哪些规定、依据哪一条。The agencies and what each enforces.

    例 Examples: wenming agency ; wenming agency 公安 ; wenming agency urban-management --json

    退出码 exit codes: 0 找到；1 没有该机关；2 名称为空或有歧义。
    """
    from wenming.agency import agencies

    run(lambda regulation: agencies(regulation, name), json_output)


class _FineHelp(HelpCommand):
    """fine's help lists the data's penalty keys with their names, read when --help is asked (from the
    cache, as a look-up reads it): an ordinary run builds no help at all."""

    def help_sections(self, ctx: Any) -> list[tuple[str, list[tuple[str, str]]]]:
        try:
            chosen = regulation()
        except (WenmingError, OSError):  # an unusable data file: the help without the list
            return []
        return [
            ("违法行为的键 VIOLATION keys", [(penalty.key, penalty.name) for penalty in chosen.penalties]),
            ("本条例的情形 --when NAME", [(c.key, f"{c.name}：{c.description}") for c in chosen.circumstances]),
        ]


COMMANDS = (
    Command("fine", fine_command, cls=_FineHelp),
    Command("fines", fines_command),
    Command("agency", agency_command),
)
