"""Data-file commands: validate, and import (a regulation's source written as a data file)."""

# Start-up (benchmarks/startup.py): typer reads every command's signature on every run, so these
# annotations are real objects rather than strings to evaluate (no `from __future__ import
# annotations`), and each command imports its domain module when it runs, not when registered.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from wenming.cli.options import Command, JsonOption
from wenming.cli.output import fail, printable, show
from wenming.cli.state import data_path
from wenming.errors import EXIT_USAGE, BadInput, WenmingError

if TYPE_CHECKING:
    from wenming.importer import ImportReport


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

    try:
        chosen = Path(path) if path is not None else data_path()
    except WenmingError as error:  # a city that names no regulation, or --data with --city
        fail(error, json_output)
    report = check_data_file(chosen, strict=strict)
    show(report, json_output)
    if not report.valid:
        raise typer.Exit(EXIT_USAGE)


def import_source(
    source: Annotated[
        str,
        typer.Argument(
            metavar="SOURCE",
            help="条例的来源：LawRefBook 的 Markdown 文件或公报的文本。A LawRefBook Markdown file or a gazette's text.",
            show_default=False,
        ),
    ],
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUTPUT.yaml",
            help="写入的数据文件（默认：写到标准输出）。The data file to write (default: stdout).",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title",
            metavar="T",
            help="公报中要导入的条例标题（公报只载一部条例时可省略）。The regulation's title in a gazette.",
            show_default=False,
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="以 JSON 输出导入报告（须与 -o 同用）。Print the report as JSON.")
    ] = False,
) -> None:
    """把条例的来源读成数据文件：条文逐字写入，损坏与修复逐条记录，罚则为待审草稿。Import a regulation's source.

    例 Examples: wenming import 北京市文明行为促进条例.md -o beijing.yaml ;
    wenming import gazette.txt --title 某市文明行为促进条例 -o out.yaml --json

    报告（写了什么、待审的罚则草稿、来源中的损坏，各注明行号）写到标准错误；有 --json 时写到标准输出。

    退出码 exit codes: 0 已写入 written；2 来源无法读取或不是条例、公报中有多部条例而未给 --title、无法写入
    unreadable source, not a regulation, ambiguous title, unwritable output。
    """
    from wenming.cli.output import print_json, write_stdout
    from wenming.importer import import_file, to_yaml
    from wenming.reader.structure import ReadError

    if not source.strip() or (output is not None and not output.strip()):
        fail(BadInput("来源或输出文件的路径为空", suggestion="例如 wenming import 来源.md -o out.yaml"), json_output)
    if json_output and output is None:
        fail(BadInput("--json 须与 -o 同用：报告占用标准输出", suggestion="加上 -o OUTPUT.yaml"), json_output)
    if output is not None and Path(output).resolve() == Path(source).resolve():
        fail(BadInput("输出文件不能是来源文件本身", suggestion="用 -o 另给一个文件名"), json_output)
    try:
        imported = import_file(Path(source), title)
    except WenmingError as error:  # the source cannot be read as a file
        fail(error, json_output)
        return
    except ReadError as error:
        fail(BadInput(f"无法导入：{error}"), json_output)
        return
    text = to_yaml(imported.data)
    report = imported.report
    if output is None:
        write_stdout(text)
    else:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            fail(BadInput(f"无法写入 {printable(output)}：{reason}"), json_output)
        report = report.replace(output=output)
    if json_output:
        print_json(report.to_json())
        return
    sys.stderr.write(report_text(report))


def report_text(report: "ImportReport") -> str:
    """The report as people read it: what was written, then each problem with its line."""
    where = f"已写入 {printable(report.output)}" if report.output else "已写到标准输出"
    counts = f"{report.articles} 条，罚则 {report.penalties} 项（待审草稿 {report.drafts} 项）"
    lines = [f"{where}：《{report.title}》，{counts}"]
    if not report.complete:
        lines.append("注意：本条例文本不完整（来源被截断），数据中记为 complete: false")
    lines += [f"待审草稿：{draft}" for draft in report.draft_names]
    for problem in report.problems:
        said = problem.line is None or problem.message.startswith(f"第 {problem.line} 行")
        lines.append(problem.message if said else f"第 {problem.line} 行：{problem.message}")
    return "\n".join(lines) + "\n"


COMMANDS = (Command("validate", validate), Command("import", import_source))
