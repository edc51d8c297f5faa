"""Views of data-file checks: the summary of a valid file, or its problems one per line."""

from __future__ import annotations

from rich.text import Text

from wenming.datacheck import DataReport
from wenming.render import ViewConsole


def draw(console: ViewConsole, result: object) -> None:
    match result:
        case DataReport():
            validation(console, result)
        case _:
            raise TypeError(f"wenming.render.datacheck cannot draw {type(result).__qualname__}")


def validation(console: ViewConsole, report: DataReport) -> None:
    # Lines are not wrapped: `file:line: field: message` stays one line for grep and editors.
    say = console.put
    if report.summary is None:
        for problem in report.problems:
            where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
            field = f" {problem.field}:" if problem.field else ""
            say(Text(f"{where}:{field} {problem.message}"))
        say(Text(f"无效 invalid：{report.file}，共 {len(report.problems)} 个问题", style="bold red"))
        return
    summary = report.summary
    say(Text(f"有效 valid：{report.file}", style="bold green"))
    say(Text(f"《{summary.title}》"))
    say(Text(f"{summary.chapters} 章，{summary.articles} 条，{summary.paragraphs} 款，{summary.items} 项"))
    say(Text(f"受处罚的行为 {summary.penalties} 种，出自以下 {len(summary.penalised_provisions)} 处规定："))
    if not summary.complete:
        say(Text("本条例文本不完整（来源被截断），每个答案都会注明", style="yellow"))
    if summary.drafts:
        say(Text(f"未经人工核对的草稿 {summary.drafts} 条（--strict 不接受）", style="yellow"))
    for citation in summary.penalised_provisions:
        say(Text(f"  {citation}"))
    for warning in report.warnings:
        field = f" {warning.field}:" if warning.field else ""
        say(Text(f"警告 warning：{warning.file}:{field} {warning.message}", style="yellow"))
