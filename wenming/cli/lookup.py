"""Look-up commands: article, chapter, contents (toc), behaviours, search."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate (no `from __future__ import
# annotations`), and each command imports its domain module when it runs, not when registered.

from typing import Annotated

import typer

from wenming.citation import CITATION_FORMS_HELP
from wenming.cli.options import Command, JsonOption
from wenming.cli.output import run, run_all
from wenming.cli.state import all_cities


def article(
    reference: Annotated[str, typer.Argument(metavar="REF", help=f"条文引用。Citation: {CITATION_FORMS_HELP}")],
    json_output: JsonOption = False,
) -> None:
    """显示一条条文（或其中一款、一项），连同罚则、立法说明。Show an article, paragraph or item in context.

    例 Examples: wenming article 22 ; wenming article 第二十二条第九项 ; wenming article 22.9 ;
    wenming article 32-4 --json

    退出码 exit codes: 0 找到；1 没有该条文；2 引用写法无法识别。
    """
    from wenming.lookup import article_view

    run(lambda regulation: article_view(regulation, reference), json_output)


def chapter(
    reference: Annotated[str, typer.Argument(metavar="N", help="章：3、三 或 第三章。Chapter number.")],
    json_output: JsonOption = False,
) -> None:
    """显示一章的条文目录（每条的开头）。Show a chapter's articles with their first line.

    例 Example: wenming chapter 3 ; wenming chapter 第五章 --json

    退出码 exit codes: 0 找到；1 没有该章；2 写法无法识别。
    """
    from wenming.contents import chapter_view

    run(lambda regulation: chapter_view(regulation, reference), json_output)


def contents(json_output: JsonOption = False) -> None:
    """目录：各章标题、条文范围和每条的开头。Table of contents (alias: toc).

    例 Example: wenming contents ; wenming toc --json

    退出码 exit codes: 0；2 数据文件无效。
    """
    from wenming.contents import contents_view

    run(contents_view, json_output)


def behaviours(
    domain: Annotated[
        str | None,
        typer.Option(
            "--domain",
            "-d",
            help="只列某一方面，可写一部分，如 交通、乡风文明。Filter by domain (part of its name).",
        ),
    ] = None,
    encouraged: Annotated[
        bool,
        typer.Option(
            "--encouraged",
            "-e",
            help="改列第二章鼓励和倡导的文明行为。List Chapter 2's encouraged and advocated behaviours instead.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """治理的不文明行为（第三章），逐项注明本条例是否处罚、依据哪条。Governed behaviours and their penalties.

    --city all 列出全部城市的，按城市分组；未标注行为清单的条例注明“未标注”。--city all: every city's.

    例 Examples: wenming behaviours ; wenming behaviours -d 交通 ; wenming behaviours --encouraged --json ;
    wenming --city all behaviours -d 交通

    退出码 exit codes: 0 找到；2 没有该方面。
    """
    if all_cities():  # --city all: every regulation's lists, grouped by city
        from wenming.behaviours import behaviours_all

        run_all(lambda _: behaviours_all(domain, encouraged), json_output)
        return
    from wenming.behaviours import behaviour_list

    run(lambda regulation: behaviour_list(regulation, domain, encouraged), json_output)


def search(
    query: Annotated[list[str], typer.Argument(metavar="QUERY", help="要找的词（原样匹配，多个词须同时出现）。")],
    json_output: JsonOption = False,
) -> None:
    """按字面查找条文和立法说明；日常说法也能找到（狗→犬只）。Literal search, in people's words too.

    多个词须同时出现；结果按条例顺序，落到最小的一项或一款。Several terms must all match.

    --city all 查找全部城市的条例，按城市分组。--city all searches every city's regulation.

    例 Examples: wenming search 狗 ; wenming search 遛狗 罚款 ; wenming search 闯红灯 --json ;
    wenming --city all search 犬只

    退出码 exit codes: 0 找到；1 没有找到；2 查找词为空或过长。
    """
    if all_cities():  # --city all: every regulation, from one index
        from wenming.corpus_search import search_all

        run_all(lambda default: search_all(default, query), json_output)
        return
    from wenming.search import search as search_regulation

    run(lambda regulation: search_regulation(regulation, query), json_output)


COMMANDS = (
    Command("article", article),
    Command("chapter", chapter),
    Command("contents", contents),
    Command(
        "toc",
        contents,
        help="同 contents：目录。Same as contents.\n\n例 Example: wenming toc\n\n"
        "退出码 exit codes: 0；2 数据文件无效。",
    ),
    Command("behaviours", behaviours),
    Command("search", search),
)
